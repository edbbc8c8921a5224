import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { submitConnectionRequest } from "@/lib/connection-requests/commands";
import { decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { acceptSupplierInvitation } from "@/lib/connections/invitation-acceptance";
import { sendSupplierInvitation } from "@/lib/connections/invitation-admin";
import { inviteSupplier } from "@/lib/connections/invitations";
import { db } from "@/lib/db/client";
import { createConnectionRequestSchema } from "@/lib/schemas/connection-requests";
import { person, unique, validRequest } from "@/tests/support/fixtures";

/** A connection waiting for a supplier not on the portal, and the token its queued invitation mail carries. */
async function invited() {
  const [retailer, admin] = await Promise.all([person(), person({ admin: true })]);
  const [retailerActor, adminActor] = await Promise.all([actorForApiToken(retailer.token), actorForApiToken(admin.token)]);
  const contactEmail = `race-${unique()}@example.com`;
  const input = createConnectionRequestSchema.parse({ ...validRequest, organization_name: `Race Newco ${unique()}`, primary_contact_email: contactEmail });
  const { body } = await submitConnectionRequest(retailerActor!, input);
  const requestId = (body as { request_uuid: string }).request_uuid;
  await decideConnectionRequest(adminActor!, requestId, { kind: "approve" });
  const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: requestId } });
  const mail = await db.emailDelivery.findFirstOrThrow({ where: { to: contactEmail }, orderBy: { createdAt: "desc" } });
  const token = new URL(mail.text.match(/Open it: (\S+)/)![1]!).searchParams.get("token")!;
  return { admin: adminActor!, connection, token };
}

/** Resolves once some session waits for a row lock: the other side of the race has reached it. */
async function someoneWaitsForALock() {
  for (let tries = 0; tries < 200; tries++) {
    const [{ waiting }] = await db.$queryRaw<[{ waiting: bigint }]>`SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted`;
    if (waiting > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("nobody came to wait for the lock");
}

describe("an invitation accepted while an admin resends it (PostgreSQL)", () => {
  it("a resend holding the connection makes the accept wait, not deadlock: the resend wins, the old link is refused with a 409", async () => {
    const { admin, connection, token } = await invited();
    let accepting: Promise<unknown> = Promise.resolve();
    // The resend's own steps (lib/connections/invitations.ts inviteSupplier), held open at the
    // point where an accept that took the invitation's row first would deadlock with it.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Connection" WHERE id = ${connection.id}::uuid FOR UPDATE`;
      accepting = acceptSupplierInvitation({ token, organizationName: `Race Ltd ${unique()}`, name: "Rita Race", password: "a long enough password" }, "10.77.0.1").then(
        () => "accepted",
        (error: unknown) => error,
      );
      await someoneWaitsForALock();
      await inviteSupplier(tx, connection.id, "race-again@example.com", admin.userId);
    }, { timeout: 20_000 });
    expect(await accepting).toMatchObject({ status: 409, message: expect.stringContaining("withdrawn") });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId).toBeNull();
    expect(await db.supplierInvitation.count({ where: { connectionId: connection.id, acceptedAt: null, revokedAt: null } })).toBe(1);
  });

  it("at once, many times: one of them wins each time and the other is refused with a 409", async () => {
    for (let round = 0; round < 8; round++) {
      const { admin, connection, token } = await invited();
      const [accepted, resent] = await Promise.allSettled([
        acceptSupplierInvitation({ token, organizationName: `Race Ltd ${unique()}`, name: "Rita Race", password: "a long enough password" }, `10.77.${round}.1`),
        sendSupplierInvitation(admin, connection.id),
      ]);
      for (const outcome of [accepted, resent]) if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ status: 409 });
      const linked = (await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).supplierOrganizationId;
      const usable = await db.supplierInvitation.count({ where: { connectionId: connection.id, acceptedAt: null, revokedAt: null } });
      if (accepted.status === "fulfilled") {
        expect(resent.status).toBe("rejected");
        expect([linked, usable]).toEqual([expect.any(String), 0]);
      } else {
        expect(resent.status).toBe("fulfilled");
        expect([linked, usable]).toEqual([null, 1]);
      }
    }
  });
});
