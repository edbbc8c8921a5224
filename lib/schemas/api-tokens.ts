import { z } from "zod";
import { nullCharacterMessage, withoutNullCharacters } from "./fields";

import { tokenLifetimes } from "./choices";

export { tokenLifetimes };

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "At most 100 characters.").refine(withoutNullCharacters, nullCharacterMessage),
  expiresInDays: z.coerce
    .number()
    .refine((days) => (tokenLifetimes as readonly number[]).includes(days), `Choose one of: ${tokenLifetimes.join(", ")} days.`),
});

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid("Unknown token.") });
