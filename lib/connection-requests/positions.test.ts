import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { toActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { person, validRequest, type Person } from "@/tests/support/fixtures";
import { resubmitConnectionRequest, submitConnectionRequest } from "./commands";
import { decideConnectionRequest } from "./decisions";
import { listApprovalQueue } from "./admin-queue";
import { listConnectionRequests } from "./queries";

async function actorOf(who: Person): Promise<Actor> {
  return toActor(await db.user.findUniqueOrThrow({ where: { id: who.id }, include: { organization: true } }));
}

const submit = (actor: Actor, name: string) =>
  submitConnectionRequest(actor, createConnectionRequestSchema.parse({ ...validRequest, organization_name: name }));

/** What the tally promises, counted the slow way. */
async function countedTotals(organizationId?: string) {
  const where = organizationId ? { organizationId } : {};
  const [all, pending, approved, rejected, changesRequested] = await Promise.all([
    db.connectionRequest.count({ where }),
    db.connectionRequest.count({ where: { ...where, status: "pending" } }),
    db.connectionRequest.count({ where: { ...where, status: "approved" } }),
    db.connectionRequest.count({ where: { ...where, status: "rejected" } }),
    db.connectionRequest.count({ where: { ...where, status: "changes_requested" } }),
  ]);
  return { lastSequence: all, pending, approved, rejected, changesRequested };
}

async function tally(scope: string) {
  const row = await db.connectionRequestTally.findUniqueOrThrow({ where: { scope } });
  return { lastSequence: row.lastSequence, pending: row.pending, approved: row.approved, rejected: row.rejected, changesRequested: row.changesRequested };
}

describe("connection request numbers and tallies", () => {
  let admin: Actor;
  let first: Person;
  let second: Person;

  beforeAll(async () => {
    admin = await actorOf(await person({ admin: true }));
    first = await person();
    second = await person();
    const [a, b] = [await actorOf(first), await actorOf(second)];
    // Concurrent submissions from two organizations: numbers must still come out dense.
    await Promise.all(Array.from({ length: 24 }, (_, index) => submit(index % 3 === 0 ? b : a, `Supplier ${index}`)));
  });

  it("numbers requests densely from 1, per organization and across the platform", async () => {
    const rows = await db.connectionRequest.findMany({ select: { organizationId: true, sequence: true, orgSequence: true } });
    expect(rows.map((row) => row.sequence).sort((x, y) => x - y)).toEqual(rows.map((_, index) => index + 1));
    for (const organizationId of [first.organizationId!, second.organizationId!]) {
      const own = rows.filter((row) => row.organizationId === organizationId).map((row) => row.orgSequence);
      expect(own.sort((x, y) => x - y)).toEqual(own.map((_, index) => index + 1));
    }
  });

  it("keeps each tally equal to a count of the rows, through approvals, rejections and change requests", async () => {
    const ids = (await db.connectionRequest.findMany({ where: { organizationId: first.organizationId! }, select: { id: true }, take: 6 })).map((row) => row.id);
    await decideConnectionRequest(admin, ids[0]!, { kind: "approve" });
    await Promise.all([
      decideConnectionRequest(admin, ids[1]!, { kind: "reject", reason: "No." }),
      decideConnectionRequest(admin, ids[2]!, { kind: "approve" }),
      decideConnectionRequest(admin, ids[3]!, { kind: "request_changes", message: "Add a contact." }),
      decideConnectionRequest(admin, ids[4]!, { kind: "request_changes", message: "Add a feed." }),
    ]);
    await resubmitConnectionRequest(await actorOf(first), ids[4]!);
    expect((await tally(first.organizationId!)).changesRequested).toBe(1);
    expect(await tally(first.organizationId!)).toEqual(await countedTotals(first.organizationId!));
    expect(await tally(second.organizationId!)).toEqual(await countedTotals(second.organizationId!));
    expect(await tally("platform")).toEqual(await countedTotals());
    expect((await tally(first.organizationId!)).approved).toBe(2);
  });

  it("gives a rolled-back submission's number to the next one", async () => {
    const before = await tally("platform");
    await expect(
      db.$transaction(async (tx) => {
        await tx.connectionRequest.create({ data: { organizationId: first.organizationId!, supplierName: "Gone", contactFullName: "G" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await tally("platform")).toEqual(before);
    const kept = await db.connectionRequest.create({ data: { organizationId: first.organizationId!, supplierName: "Kept", contactFullName: "K" } });
    expect(kept.sequence).toBe(before.lastSequence + 1);
  });

  it("refuses to delete a request or to renumber it, which would break every later position", async () => {
    const row = await db.connectionRequest.findFirstOrThrow({ where: { organizationId: second.organizationId! } });
    await expect(db.connectionRequest.delete({ where: { id: row.id } })).rejects.toThrow(/never deleted/);
    await expect(db.connectionRequest.update({ where: { id: row.id }, data: { orgSequence: 999 } })).rejects.toThrow(/keeps its organization/);
    expect(await db.connectionRequest.count({ where: { id: row.id } })).toBe(1);
  });

  it("serves every start/limit page exactly as an OFFSET read would, for members and admins", async () => {
    const member = await actorOf(first);
    const scopes = [
      { actor: member, where: { organizationId: first.organizationId! }, order: { orgSequence: "desc" as const } },
      { actor: admin, where: {}, order: { sequence: "desc" as const } },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...scopes),
        fc.nat({ max: 40 }),
        fc.nat({ max: 12 }),
        fc.constantFrom(undefined, "pending" as const, "approved" as const),
        async (scope, start, limit, status) => {
          const where = { ...scope.where, ...(status ? { status } : {}) };
          const total = await db.connectionRequest.count({ where });
          const expected = await db.connectionRequest.findMany({ where, orderBy: scope.order, skip: Math.min(start, total), take: limit, select: { id: true } });
          const page = await listConnectionRequests(scope.actor, { start, limit, status });
          expect(page.pagination).toEqual({ total_count: total, start: Math.min(start, total), limit });
          expect(page.requests.map((request) => request.record_uuid)).toEqual(limit === 0 ? [] : expected.map((row) => row.id));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("gives the approval queue its per-status counts from the tallies, for the platform and one organization", async () => {
    const platform = await listApprovalQueue(admin, { start: 0, limit: 5 });
    const counted = await countedTotals();
    expect(platform.counts).toEqual({ pending: counted.pending, changes_requested: counted.changesRequested, approved: counted.approved, rejected: counted.rejected });
    expect(platform.requests.every((request) => request.status === "pending")).toBe(true);

    const one = await listApprovalQueue(admin, { organization: second.organizationId!, status: "pending", start: 2, limit: 3 });
    const expected = await db.connectionRequest.findMany({
      where: { organizationId: second.organizationId!, status: "pending" },
      orderBy: { orgSequence: "asc" },
      skip: 2,
      take: 3,
      select: { id: true },
    });
    expect(one.total).toBe((await countedTotals(second.organizationId!)).pending);
    expect(one.requests.map((request) => request.record_uuid)).toEqual(expected.map((row) => row.id));
  });
});
