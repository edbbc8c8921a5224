import { z } from "zod";

/** An organization's account manager, a platform admin; empty: none. */
export const accountManagerFormSchema = z.object({
  organizationId: z.uuid(),
  accountManagerId: z.union([z.uuid("Choose an admin from the list."), z.literal("").transform(() => null)]),
});
