import "server-only";
import { assertAdmin, displayName, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import { isUuid } from "../ids";
import type { PeopleQuery, PersonChange } from "../schemas/admin";
import { applyAccountChange, type AccountChange, type ChangedAccount } from "./account-changes";

const refusal = "Only platform admins can manage people.";
export const peoplePageSize = 50;

/**
 * People by e-mail (stored lower-cased, unique-indexed), a page after a cursor (the last e-mail
 * shown). The prefix is also given as a range, which the index serves whatever the collation
 * (`LIKE 'q%'` alone is a scan outside the C collation), so a page costs the same at the start
 * and at the 10^5th person. One more row than a page says whether there is a next one.
 */
export async function listPeople(actor: Actor, query: PeopleQuery) {
  assertAdmin(actor, refusal);
  const rows = await db.user.findMany({
    where: {
      email: {
        ...(query.q ? { startsWith: query.q, gte: query.q, lt: `${query.q}\uffff` } : {}),
        ...(query.after ? { gt: query.after } : {}),
      },
    },
    orderBy: { email: "asc" },
    take: peoplePageSize + 1,
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      role: true,
      status: true,
      organizationRole: true,
      organization: { select: { id: true, name: true } },
    },
    relationLoadStrategy: "join",
  });
  const people = rows.slice(0, peoplePageSize).map((row) => ({ ...row, name: displayName(row) }));
  return { people, next: rows.length > peoplePageSize ? people.at(-1)!.email : null };
}

/** One person as an admin sees them: organization and roles, how they sign in, their live credentials (never a hash). */
export async function getPerson(actor: Actor, id: string, now = new Date()) {
  assertAdmin(actor, refusal);
  if (!isUuid(id)) throw notFound();
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      role: true,
      status: true,
      organizationRole: true,
      emailVerifiedAt: true,
      lastSignInAt: true,
      createdAt: true,
      totpEnabledAt: true,
      _count: { select: { passkeys: true, identities: true } },
      organization: { select: { id: true, name: true, type: true } },
      apiTokens: {
        where: { revokedAt: null, expiresAt: { gt: now } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 100,
        select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true },
      },
      oauthGrants: {
        where: { revokedAt: null },
        orderBy: { createdAt: "desc" },
        take: 100,
        select: { id: true, scopes: true, createdAt: true, lastUsedAt: true, client: { select: { name: true } } },
      },
    },
  });
  if (!user) throw notFound();
  const { apiTokens, oauthGrants, totpEnabledAt, _count: counts, ...person } = user;
  const passkeys = counts.passkeys === 1 ? "A passkey" : `${counts.passkeys} passkeys`;
  return {
    ...person,
    name: displayName(user),
    // An account made by single sign-on has a password nobody knows until a reset sets one.
    signInMethods: ["Password", ...(totpEnabledAt ? ["Authenticator app (second factor)"] : []), ...(counts.passkeys ? [passkeys] : []), ...(counts.identities ? ["Single sign-on"] : [])],
    apiTokens,
    authorizedApps: oauthGrants.map((grant) => ({ id: grant.id, name: grant.client.name, scopes: grant.scopes, createdAt: grant.createdAt, lastUsedAt: grant.lastUsedAt })),
  };
}

const changes: Record<PersonChange, AccountChange> = {
  disable: { status: "disabled" },
  enable: { status: "active" },
  promote: { role: "admin" },
  demote: { role: "member" },
};

/**
 * Disable, enable, make admin, remove admin, with the rules every account change follows
 * (account-changes.ts). An admin cannot disable their own account; demoting themselves is
 * refused only when they are the last active admin.
 */
export async function changePerson(actor: Actor, userId: string, change: PersonChange, now = new Date()): Promise<ChangedAccount> {
  assertAdmin(actor, refusal);
  if (!isUuid(userId)) throw notFound();
  if (change === "disable" && userId === actor.userId) throw new AppError("conflict", "You cannot disable your own account: ask another admin.");
  return db.$transaction((tx) => applyAccountChange(tx, userId, changes[change], { actorId: actor.userId, now, via: "admin" }));
}
