import { z } from "zod";

/** A code typed into a "Code" field: six digits from the app, or a recovery code. */
export const secondFactorCodeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app, or a recovery code.").max(40, "That is not a code."),
});

export const totpCodeSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, "Enter the 6 digits your app shows."),
});

export const passkeyNameSchema = z.string().trim().min(1, "Name the passkey.").max(60, "At most 60 characters.");

export const passkeyIdSchema = z.object({ passkeyId: z.uuid("Choose a passkey.") });

export const renamePasskeySchema = passkeyIdSchema.extend({ name: passkeyNameSchema });

export const sessionIdSchema = z.object({ sessionId: z.uuid("Choose a session.") });

/** What a browser sends back from a WebAuthn ceremony: checked in full by SimpleWebAuthn. */
export const webauthnResponseSchema = z.object({ id: z.string().min(1).max(1024), rawId: z.string().max(1024), type: z.literal("public-key") }).passthrough();
