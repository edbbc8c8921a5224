import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { organizationsQuerySchema } from "@/lib/schemas/admin";
import { person, unique } from "@/tests/support/fixtures";
import { getOrganization, listOrganizations } from "./organizations";

describe("the admins' organizations", () => {
  it("are found by the start of their name, any case, a keyset page of 50 at a time", async () => {
    const actor = (await actorForApiToken((await person({ admin: true })).token))!;
    const tag = `Org${unique()}`;
    await db.organization.createMany({ data: Array.from({ length: 60 }, (_, n) => ({ name: `${tag} ${String(n).padStart(2, "0")}`, nameKey: `${tag} ${String(n).padStart(2, "0")}`.toLowerCase(), type: "retailer" as const })) });
    await db.organization.create({ data: { name: `Not ${tag}`, nameKey: `not ${tag}`.toLowerCase(), type: "supplier" } });
    const first = await listOrganizations(actor, organizationsQuerySchema.parse({ q: tag.toUpperCase() }));
    expect(first.organizations).toHaveLength(50);
    expect(first.organizations[0]).toMatchObject({ name: `${tag} 00`, type: "retailer", members: 0 });
    const second = await listOrganizations(actor, organizationsQuerySchema.parse({ q: tag, after: first.next! }));
    expect(second.organizations.map((row) => row.name)).toEqual(Array.from({ length: 10 }, (_, n) => `${tag} ${50 + n}`));
    expect(second.next).toBeNull();
  });

  it("show type, account manager, members (owners first) and the counts of requests and connections", async () => {
    const adminPerson = await person({ admin: true });
    const actor = (await actorForApiToken(adminPerson.token))!;
    const organizationName = `Team ${unique()}`;
    const owner = await person({ organizationName });
    const member = await person({ organizationName });
    await db.organization.update({ where: { id: owner.organizationId! }, data: { accountManagerId: adminPerson.id } });
    await db.connectionRequest.create({ data: { organizationId: owner.organizationId!, requestedById: owner.id, supplierName: "S", contactFullName: "C" } });
    const shown = await getOrganization(actor, owner.organizationId!);
    expect(shown).toMatchObject({ name: organizationName, type: "retailer", accountManager: { id: adminPerson.id }, memberCount: 2, connectionRequestCount: 1, connectionCount: 0 });
    expect(shown.members.map((row) => [row.id, row.organizationRole])).toEqual([[owner.id, "owner"], [member.id, "member"]]);
    await expect(getOrganization(actor, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});
