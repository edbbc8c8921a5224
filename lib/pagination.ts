import { pageLimits } from "./schemas/connection-requests";

export interface PageQuery {
  limit?: number;
  start?: number;
}

/**
 * A TIMP list page: `limit` capped at 100, `start` forced to the total when past it (an empty
 * page), both echoed as applied. Rows are read only when the page can hold any.
 */
export async function readPage<Row>(query: PageQuery, count: () => Promise<number>, load: (skip: number, take: number, total: number) => Promise<Row[]>) {
  const total = await count();
  const limit = Math.min(query.limit ?? pageLimits.defaultLimit, pageLimits.maxLimit);
  const start = Math.min(query.start ?? 0, total);
  const rows = limit === 0 || start >= total ? [] : await load(start, limit, total);
  return { rows, pagination: { total_count: total, start, limit } };
}
