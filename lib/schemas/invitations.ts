import { z } from "zod";
import { emailSchema, organizationNameSchema, passwordSchema } from "./users";

const token = z.string().min(10, "This link is incomplete: open the one in the e-mail.").max(200);

/** The invitation page's form: the supplier's organization and its first member (the address is the invitation's). */
export const acceptInvitationSchema = z.object({
  token,
  organizationName: organizationNameSchema,
  name: z.string().trim().min(1, "Enter your name.").max(200, "At most 200 characters."),
  password: passwordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** An admin (re)sends a connection's invitation, to the address given or else the one on file. */
export const sendInvitationSchema = z.object({
  connectionId: z.uuid(),
  email: z.union([emailSchema, z.literal("").transform(() => undefined)]).optional(),
});

export const revokeInvitationSchema = z.object({ connectionId: z.uuid() });

/** An admin links a waiting connection to a supplier organization already on the portal. */
export const linkSupplierSchema = z.object({ connectionId: z.uuid(), supplier_organization_uuid: z.uuid("Choose a supplier organization.") });
