import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { person } from "@/tests/support/fixtures";
import { visibleConnections } from "./access";
import { listConnections, pageIds } from "./queries";

describe("reading a page of connections from either end", async () => {
  const retailer = await person();
  const actor = (await actorForApiToken(retailer.token))!;
  const base = Date.now();
  // Three at a time share a createdAt, so pages cut through ties that only the id orders.
  for (let i = 0; i < 25; i++) {
    const request = await db.connectionRequest.create({ data: { organizationId: retailer.organizationId!, supplierName: `Supplier ${i}`, contactFullName: "C", status: "approved" } });
    await db.connection.create({
      data: { connectionRequestId: request.id, retailerOrganizationId: retailer.organizationId!, supplierName: `Supplier ${i}`, supplierContactName: "C", createdAt: new Date(base - Math.floor(i / 3) * 1000) },
    });
  }
  const where = visibleConnections(actor);
  const newestFirst = (await db.connection.findMany({ where, select: { id: true, createdAt: true } }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => row.id);
  const total = newestFirst.length;

  it("gives the same rows in the same order for every start, at the edges and past the end", async () => {
    expect(total).toBe(25);
    for (const take of [1, 7, 100]) {
      for (let skip = 0; skip < total; skip++) {
        const page = { skip, take, total };
        const expected = newestFirst.slice(skip, skip + take);
        expect(await pageIds(where, page, "start"), `start ${skip}, limit ${take}`).toEqual(expected);
        expect(await pageIds(where, page, "end"), `from the end: start ${skip}, limit ${take}`).toEqual(expected);
      }
    }
  });

  it("answers every page of the list as the order newest first says", async () => {
    for (const start of [0, 1, 11, 12, 13, 22, 24, 25, 40]) {
      const listed = await listConnections(actor, { start, limit: 3 });
      expect(listed.map((connection) => connection.uuid), `start ${start}`).toEqual(newestFirst.slice(start, start + 3));
    }
  });
});
