import { z } from "zod";

/**
 * Field helpers that speak Django REST Framework's messages, so TIMP clients see the errors they
 * already handle ("This field is required.", "A valid integer is required.").
 */
const required = (invalid: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "This field is required." : invalid;

/**
 * PostgreSQL text cannot hold U+0000 (the embedded engine takes it, the server fails the query),
 * so every free-text field refuses it up front, with DRF's message.
 */
export const withoutNullCharacters = (value: string) => !value.includes("\u0000");
export const nullCharacterMessage = "Null characters are not allowed.";

export const text = (max: number) =>
  z
    .string({ error: required("Not a valid string.") })
    .trim()
    .max(max, `Ensure this field has no more than ${max} characters.`)
    .refine(withoutNullCharacters, nullCharacterMessage);

export const requiredText = (max: number) => text(max).min(1, "This field may not be blank.");

/** An optional string where null and absent mean the same. */
export const optionalText = (max: number) => text(max).nullable().optional().transform((value) => value ?? undefined);

export const email = z
  .string({ error: required("Enter a valid email address.") })
  .trim()
  .max(200, "Ensure this field has no more than 200 characters.")
  .pipe(z.union([z.literal(""), z.email("Enter a valid email address.")]));

export const uuid = z.string({ error: "Must be a valid UUID." }).pipe(z.uuid("Must be a valid UUID."));

/** A non-negative integer given as a number or a numeric string (query strings are strings). */
export const nonNegativeInteger = z
  .union([z.number(), z.string()], { error: "A valid integer is required." })
  .transform((value, ctx) => {
    const number = typeof value === "number" ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) {
      ctx.addIssue({ code: "custom", message: "A valid integer is required." });
      return z.NEVER;
    }
    if (number < 0) {
      ctx.addIssue({ code: "custom", message: "Ensure this value is greater than or equal to 0." });
      return z.NEVER;
    }
    return number;
  });

/** zod issue paths in the mirrored API's style: `integrations[1].update_frequency`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part) => {
    if (typeof part === "number") return `${key}[${part}]`;
    return key ? `${key}.${String(part)}` : String(part);
  }, "");
}
