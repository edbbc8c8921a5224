import type { Db } from "../db/connect";

// No "server-only" here: the operator CLI reads and retries parked events (lib/events/fanout.ts parks them).

/** Parked events, oldest first: what an operator looks at (the CLI's events:parked). */
export function listParkedEvents(client: Db, take = 50) {
  return client.event.findMany({
    where: { parkedAt: { not: null }, fannedOutAt: null },
    orderBy: { sequence: "asc" },
    take,
    select: { id: true, type: true, createdAt: true, parkedAt: true, fanoutAttempts: true, fanoutError: true },
  });
}

/** Puts a parked event back for fan-out, its attempts counted afresh (the CLI's events:retry). */
export async function retryParkedEvent(client: Db, id: string): Promise<boolean> {
  const { count } = await client.event.updateMany({
    where: { id, parkedAt: { not: null }, fannedOutAt: null },
    data: { parkedAt: null, fanoutAttempts: 0, fanoutRetryAt: null },
  });
  return count === 1;
}
