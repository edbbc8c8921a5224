import "server-only";
import type { Actor } from "../auth/actor";
import { lastUsedPrecisionMs } from "../auth/api-tokens";
import { hashSecret } from "../auth/secrets";
import { assertMayUseApi, invalidToken } from "../auth/timp";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";
import type { Prisma } from "../generated/prisma/client";
import { readPage } from "../pagination";
import type { ListConnectionRequestsQuery } from "../schemas/connection-requests";
import { connectionRequestDto, connectionRequestInclude } from "./dto";
import { readPageJson } from "./page-json";
import { listScope, newestFirst, pageRange, readTotals, totalFor } from "./positions";

const emptyPage = (query: ListConnectionRequestsQuery) =>
  readPage(query, async () => 0, async () => []).then(({ pagination }) => ({ requests: [], pagination }));

/**
 * The actor's requests, newest first. Unfiltered (the TIMP clients' case) and status-filtered
 * lists take their exact total from the scope's tally; an unfiltered page is a number range
 * (lib/connection-requests/positions.ts), a status-filtered one walks the (scope, status, number)
 * index past `start`. A text search is the fallback that counts and skips matching rows.
 */
export async function listConnectionRequests(actor: Actor, query: ListConnectionRequestsQuery) {
  const scope = listScope(actor);
  if (!scope) return emptyPage(query);
  const read = (where: Prisma.ConnectionRequestWhereInput, take: number, skip = 0) =>
    db.connectionRequest.findMany({ where, orderBy: newestFirst(scope), skip, take, include: connectionRequestInclude, relationLoadStrategy: "join" });
  const filtered = {
    ...scope.where,
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { supplierName: { contains: query.q, mode: "insensitive" as const } } : {}),
  };
  const { rows, pagination } = query.q
    ? await readPage(query, () => db.connectionRequest.count({ where: filtered }), (skip, take) => read(filtered, take, skip))
    : await readPage(
        query,
        async () => totalFor(await readTotals(scope), query.status),
        (skip, take, total) => (query.status ? read(filtered, take, skip) : read(pageRange(scope, total, skip, take), take)),
      );
  return { requests: rows.map(connectionRequestDto), pagination };
}

/**
 * An unfiltered page (what TIMP clients poll) for the holder of a TIMP token, as the response's
 * JSON text: authentication, tally and page in one statement (lib/connection-requests/page-json.ts).
 */
export async function listPageJsonForToken(token: string, query: { start?: number; limit?: number }, now = new Date()): Promise<string> {
  const page = await readPageJson({ kind: "token", tokenHash: hashSecret(token), now, lastUsedBefore: new Date(now.getTime() - lastUsedPrecisionMs) }, query);
  if (!page?.caller) throw invalidToken();
  assertMayUseApi(page.caller);
  return page.body;
}

/**
 * The list for an actor already known (a session cookie), as the response's JSON text: an
 * unfiltered page from the same statement as a token's, a filtered one through the DTO.
 */
export async function listConnectionRequestsJson(actor: Actor, query: ListConnectionRequestsQuery): Promise<string> {
  const scope = listScope(actor);
  if (query.status || query.q || !scope) return JSON.stringify(await listConnectionRequests(actor, query));
  return (await readPageJson({ kind: "scope", tally: scope.tally }, query))!.body;
}

/** One request the actor may see; another organization's is 404, as if it did not exist. */
export async function getConnectionRequestForActor(actor: Actor, id: string) {
  const scope = listScope(actor);
  if (!scope || !isUuid(id)) throw notFound();
  const row = await db.connectionRequest.findFirst({
    where: { id, ...scope.where },
    include: connectionRequestInclude,
    relationLoadStrategy: "join",
  });
  if (!row) throw notFound();
  return connectionRequestDto(row);
}
