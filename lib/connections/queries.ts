import "server-only";
import { isAdmin, type Actor } from "../auth/actor";
import { iso, personDto, personSelect } from "../connection-requests/dto";
import { db } from "../db/client";
import { readPage, type PageQuery } from "../pagination";
import type { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { connectionSchema } from "../schemas/responses";

/** Connections an approval created, seen from either side: the retailer's or the supplier's. */
function visibleConnections(actor: Actor): Prisma.ConnectionWhereInput {
  if (isAdmin(actor)) return {};
  const id = actor.organization?.id;
  return id ? { OR: [{ retailerOrganizationId: id }, { supplierOrganizationId: id }] } : { id: { in: [] } };
}

const connectionInclude = {
  retailerOrganization: { select: { id: true, name: true } },
  supplierOrganization: { select: { id: true, name: true } },
  connectionRequest: { select: { requestedBy: { select: personSelect } } },
} satisfies Prisma.ConnectionInclude;

type ConnectionRow = Prisma.ConnectionGetPayload<{ include: typeof connectionInclude }>;

function connectionDto(row: ConnectionRow): z.output<typeof connectionSchema> {
  const requester = row.connectionRequest.requestedBy;
  return {
    uuid: row.id,
    connection_request_uuid: row.connectionRequestId,
    retailer: {
      organization: { uuid: row.retailerOrganization.id, name: row.retailerOrganization.name },
      contact: requester && personDto(requester),
    },
    supplier: {
      // A supplier that is not (yet) an organization of this portal has no uuid.
      organization: { uuid: row.supplierOrganization?.id ?? null, name: row.supplierOrganization?.name ?? row.supplierName },
      contact: { full_name: row.supplierContactName, email: row.supplierContactEmail, phone: row.supplierContactPhone },
    },
    status: row.status,
    retailer_account_number: row.retailerAccountNumber,
    date_created: iso(row.createdAt),
  };
}

export async function listConnections(actor: Actor, query: PageQuery) {
  const where = visibleConnections(actor);
  const { rows, pagination } = await readPage(
    query,
    () => db.connection.count({ where }),
    (skip, take) => db.connection.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, include: connectionInclude }),
  );
  return { connections: rows.map(connectionDto), pagination };
}
