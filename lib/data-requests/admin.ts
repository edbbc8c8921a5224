import "server-only";
import { assertAdmin, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { retryFailedRequest } from "./worker";

const refusal = "Only platform admins can manage the data-request queue.";

/** Every data request not yet finished or failed, oldest first, with whose it is. */
export async function listDataRequestQueue(actor: Actor, limit = 100, now = new Date()) {
  assertAdmin(actor, refusal);
  const rows = await db.dataRequest.findMany({
    where: { status: { in: ["queued", "processing", "failed"] } },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: {
      id: true, status: true, dataTypes: true, createdAt: true, expectedCompletion: true, attempts: true, lastError: true,
      user: { select: { email: true } },
    },
  });
  return rows.map((row) => {
    const hours = row.expectedCompletion ? Math.round((row.expectedCompletion.getTime() - now.getTime()) / 3_600_000) : null;
    return { ...row, serviceLevel: hours === null ? "—" : hours >= 0 ? `due in ${hours} h` : `${-hours} h overdue` };
  });
}

export async function retryDataRequest(actor: Actor, id: string): Promise<boolean> {
  assertAdmin(actor, refusal);
  return retryFailedRequest(id, actor.userId);
}
