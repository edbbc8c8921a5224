import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, "An e-mail address has at most 200 characters.")
  .pipe(z.email("Enter a valid e-mail address."));

export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

const nameSchema = z.string().trim().max(200, "At most 200 characters.");

export const organizationTypeSchema = z.enum(["retailer", "supplier"]);

export const organizationRoleSchema = z.enum(["owner", "member"], { error: 'Choose "owner" or "member".' });

export const organizationNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the organization's name.")
  .max(200, "At most 200 characters.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

/** Self-registration: a person, and optionally a new organization they will belong to. */
export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  firstName: nameSchema.min(1, "Enter your first name."),
  lastName: nameSchema,
  organizationName: organizationNameSchema.optional().or(z.literal("").transform(() => undefined)),
  organizationType: organizationTypeSchema.default("retailer"),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** What an operator may set when creating an account from the command line. */
export const createUserSchema = registerSchema.extend({
  firstName: nameSchema.default(""),
  lastName: nameSchema.default(""),
  role: z.enum(["member", "admin"]).default("member"),
  /** Their role in the organization; unset: owner of an organization without members, else member. */
  organizationRole: organizationRoleSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const createOrganizationSchema = z.object({
  name: organizationNameSchema,
  type: organizationTypeSchema,
  accountNumber: z.string().trim().max(100).optional(),
});

/** TIMP user-login: the username is the person's e-mail address. */
export const userLoginSchema = z.object(
  {
    username: z.string({ error: (issue) => (issue.input === undefined ? "This field is required." : "Not a valid string.") }).min(1, "This field may not be blank.").max(200),
    password: z.string({ error: (issue) => (issue.input === undefined ? "This field is required." : "Not a valid string.") }).min(1, "This field may not be blank.").max(200),
    /** Our addition: the second factor of an account that has one (a current code, or a recovery code). */
    otp: z.string({ error: "Not a valid string." }).trim().max(40, "Ensure this field has no more than 40 characters.").optional(),
  },
  { error: "Invalid data. Expected a dictionary." },
);

/** What an operator may change on an account (`npm run cli -- user:update`). */
export const accountChangeSchema = z
  .object({ role: z.enum(["member", "admin"]).optional(), status: z.enum(["active", "disabled"]).optional(), organizationRole: organizationRoleSchema.optional() })
  .refine((change) => change.role || change.status || change.organizationRole, "Give --role, --status or --org-role.");
