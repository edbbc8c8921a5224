import { z } from "zod";
import { withoutNullCharacters } from "./fields";
import { connectionRequestStatuses } from "./connection-requests";

import { pageSizes } from "./choices";

export { pageSizes };

/**
 * List state kept in a page's URL (`?page=2&size=25&status=pending&q=globex`). Bad values fall
 * back to defaults rather than failing: a hand-edited URL still shows a page.
 */
export const listPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  size: z.coerce
    .number()
    .refine((size) => (pageSizes as readonly number[]).includes(size))
    .catch(25),
  status: z.enum(connectionRequestStatuses).optional().catch(undefined),
  q: z.string().trim().max(200).refine(withoutNullCharacters).optional().catch(undefined).transform((q) => q || undefined),
  organization: z.uuid().optional().catch(undefined),
});
export type ListPageQuery = z.output<typeof listPageQuerySchema>;

/** The first search-param value of each name, as pages receive them. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
