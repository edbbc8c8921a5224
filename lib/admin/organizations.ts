import "server-only";
import { assertAdmin, displayName, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { isUuid } from "../ids";
import type { OrganizationsQuery } from "../schemas/admin";

const refusal = "Only platform admins can browse organizations.";
export const organizationsPageSize = 50;
const membersShown = 200;

/** Organizations by name: a prefix of the lower-cased, unique `nameKey`, keyset on it (as people are on e-mail). */
export async function listOrganizations(actor: Actor, query: OrganizationsQuery) {
  assertAdmin(actor, refusal);
  const rows = await db.organization.findMany({
    where: {
      nameKey: {
        ...(query.q ? { startsWith: query.q, gte: query.q, lt: `${query.q}\uffff` } : {}),
        ...(query.after ? { gt: query.after } : {}),
      },
    },
    orderBy: { nameKey: "asc" },
    take: organizationsPageSize + 1,
    select: { id: true, name: true, nameKey: true, type: true, createdAt: true, _count: { select: { members: true } } },
  });
  const organizations = rows.slice(0, organizationsPageSize).map(({ _count, ...row }) => ({ ...row, members: _count.members }));
  return { organizations, next: rows.length > organizationsPageSize ? organizations.at(-1)!.nameKey : null };
}

/** One organization: what it is, who manages its account, its members (owners first), how much it does. */
export async function getOrganization(actor: Actor, id: string) {
  assertAdmin(actor, refusal);
  if (!isUuid(id)) throw notFound();
  const organization = await db.organization.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      type: true,
      accountNumber: true,
      createdAt: true,
      accountManager: { select: { id: true, email: true, firstName: true, lastName: true } },
      members: {
        orderBy: [{ organizationRole: "asc" }, { email: "asc" }],
        take: membersShown,
        select: { id: true, email: true, firstName: true, lastName: true, organizationRole: true, role: true, status: true },
      },
      _count: { select: { members: true, connectionRequests: true, retailerConnections: true, supplierConnections: true } },
    },
  });
  if (!organization) throw notFound();
  const { _count, accountManager, members, ...rest } = organization;
  return {
    ...rest,
    accountManager: accountManager && { id: accountManager.id, name: displayName(accountManager) },
    members: members.map((member) => ({ ...member, name: displayName(member) })),
    memberCount: _count.members,
    connectionRequestCount: _count.connectionRequests,
    connectionCount: _count.retailerConnections + _count.supplierConnections,
  };
}
