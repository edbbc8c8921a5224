import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { connectionTimeline } from "@/lib/events/timeline";
import { approvedConnection } from "@/tests/support/connections";
import { person, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// Server actions are public POST endpoints: these call them directly, as an attacker could,
// with whoever the session says is calling.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));

const { confirmConnectionAction, deactivateConnectionAction, declineConnectionAction, moveFeedAction, saveAccountNumberAction } = await import("./actions");

const as = async (who: Person) => {
  session.actor = await actorForApiToken(who.token);
};
const statusOf = async (id: string) => (await db.connection.findUniqueOrThrow({ where: { id } })).status;

async function connected() {
  const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
  const { connection, admin } = await approvedConnection(retailer, supplier);
  return { retailer, supplier, admin, connection, feed: connection.feeds[0]!.integrationId };
}

describe("the connection page's actions", () => {
  beforeEach(() => {
    session.actor = null;
    revalidated.length = 0;
  });

  it("a third organization's member can do nothing, and learns nothing: the connection is not found", async () => {
    const { connection, feed } = await connected();
    await as(await person({ type: "supplier" }));
    const id = { connectionId: connection.id };
    const notFound = { ok: false, message: "There is no such connection.", fieldErrors: {} };
    expect(await confirmConnectionAction(null, form(id))).toEqual(notFound);
    expect(await declineConnectionAction(null, form({ ...id, reason: "Mine now." }))).toEqual(notFound);
    expect(await deactivateConnectionAction(null, form({ ...id, reason: "Mine now." }))).toEqual(notFound);
    expect(await saveAccountNumberAction(null, form({ ...id, suppliers_retailer_account_number: "X" }))).toEqual(notFound);
    expect(await moveFeedAction(null, form({ ...id, integrationId: feed, phase: "testing" }))).toEqual(notFound);
    expect(await statusOf(connection.id)).toBe("confirmation_waiting");
    expect(revalidated).toEqual([]);
    await expect(connectionTimeline(session.actor!, connection.id)).rejects.toMatchObject({ status: 404 });
  });

  it("a signed-out caller is refused, and a malformed id is not found", async () => {
    const { connection } = await connected();
    expect(await confirmConnectionAction(null, form({ connectionId: connection.id }))).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    await as(await person());
    expect(await confirmConnectionAction(null, form({ connectionId: "not-a-uuid" }))).toMatchObject({ message: "There is no such connection." });
  });

  it("only the supplier confirms; a second confirmation is refused in words", async () => {
    const { retailer, supplier, connection } = await connected();
    await as(retailer);
    expect(await confirmConnectionAction(null, form({ connectionId: connection.id }))).toEqual({ ok: false, message: "Only the supplier's members can confirm a connection.", fieldErrors: {} });
    expect(await statusOf(connection.id)).toBe("confirmation_waiting");

    await as(supplier);
    expect(await confirmConnectionAction(null, form({ connectionId: connection.id }))).toEqual({ ok: true, message: "Confirmed: the connection is active." });
    expect(await statusOf(connection.id)).toBe("active");
    expect(revalidated).toEqual([`/partners/${connection.id}`, "/partners"]);
    expect(await confirmConnectionAction(null, form({ connectionId: connection.id }))).toEqual({
      ok: false,
      message: "This connection is active; it can only be confirmed while waiting for confirmation.",
      fieldErrors: {},
    });
  });

  it("declining needs a reason, which the timeline keeps; the retailer cannot decline", async () => {
    const { retailer, supplier, connection } = await connected();
    await as(retailer);
    expect(await declineConnectionAction(null, form({ connectionId: connection.id, reason: "No." }))).toMatchObject({ message: "Only the supplier's members can decline a connection." });
    await as(supplier);
    expect(await declineConnectionAction(null, form({ connectionId: connection.id, reason: "   " }))).toEqual({
      ok: false,
      message: "Please correct the fields marked below.",
      fieldErrors: { reason: ["This field may not be blank."] },
    });
    expect(await declineConnectionAction(null, form({ connectionId: connection.id, reason: "x".repeat(2001) }))).toMatchObject({ fieldErrors: { reason: ["Ensure this field has no more than 2000 characters."] } });
    expect(await declineConnectionAction(null, form({ connectionId: connection.id, reason: "We do not ship to you." }))).toMatchObject({ ok: true });
    expect(await statusOf(connection.id)).toBe("deactivated");
    expect((await connectionTimeline(session.actor!, connection.id)).at(-1)).toMatchObject({ event: "declined", message: "We do not ship to you." });
  });

  it("either side or an admin deactivates, with a reason; once deactivated it is final", async () => {
    for (const who of ["retailer", "supplier", "admin"] as const) {
      const parties = await connected();
      await as(parties[who]);
      expect(await deactivateConnectionAction(null, form({ connectionId: parties.connection.id }))).toMatchObject({ fieldErrors: { reason: ["This field may not be blank."] } });
      expect(await deactivateConnectionAction(null, form({ connectionId: parties.connection.id, reason: `Ended by the ${who}.` }))).toEqual({ ok: true, message: "Deactivated." });
      expect(await statusOf(parties.connection.id)).toBe("deactivated");
    }
    const { retailer, connection } = await connected();
    await as(retailer);
    await deactivateConnectionAction(null, form({ connectionId: connection.id, reason: "Once." }));
    expect(await deactivateConnectionAction(null, form({ connectionId: connection.id, reason: "Twice." }))).toMatchObject({
      ok: false,
      message: "This connection is deactivated; it can only be deactivated while waiting for confirmation or active.",
    });
  });

  it("each side saves only its own account number", async () => {
    const { retailer, supplier, connection } = await connected();
    await as(retailer);
    expect(await saveAccountNumberAction(null, form({ connectionId: connection.id, retailers_supplier_account_number: " SUP-9 " }))).toEqual({ ok: true, message: "Saved." });
    expect(await saveAccountNumberAction(null, form({ connectionId: connection.id, suppliers_retailer_account_number: "R-1" }))).toMatchObject({
      ok: false,
      message: "Only the supplier's members can set the supplier's account number for the retailer.",
    });
    await as(supplier);
    expect(await saveAccountNumberAction(null, form({ connectionId: connection.id, suppliers_retailer_account_number: "x".repeat(101) }))).toMatchObject({
      fieldErrors: { suppliers_retailer_account_number: ["Ensure this field has no more than 100 characters."] },
    });
    expect(await saveAccountNumberAction(null, form({ connectionId: connection.id, suppliers_retailer_account_number: "RET-4" }))).toMatchObject({ ok: true });
    expect(await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ retailersSupplierAccountNumber: "SUP-9", suppliersRetailerAccountNumber: "RET-4" });
  });

  it("feeds move once the connection is active, one step at a time, by either side, with an optional note on the timeline", async () => {
    const { retailer, supplier, connection, feed } = await connected();
    await as(retailer);
    const move = (phase: string, note = "") => moveFeedAction(null, form({ connectionId: connection.id, integrationId: feed, phase, note }));
    expect(await move("testing")).toMatchObject({ ok: false, message: "This connection is waiting for confirmation; only an active connection's feeds move." });
    await as(supplier);
    await confirmConnectionAction(null, form({ connectionId: connection.id }));
    expect(await move("live")).toMatchObject({ ok: false, message: "This feed is in setup; it cannot move to live." });
    expect(await move("launched")).toMatchObject({ ok: false, fieldErrors: { phase: [expect.stringContaining('"launched" is not a valid choice.')] } });
    expect(await move("testing", "Sample file sent.")).toEqual({ ok: true, message: "Moved." });
    await as(retailer);
    expect(await move("live")).toEqual({ ok: true, message: "Moved." });
    const timeline = await connectionTimeline(session.actor!, connection.id);
    const { type } = await db.integration.findUniqueOrThrow({ where: { id: feed } });
    expect(timeline.filter((entry) => entry.event === "feed_phase_changed").map(({ change, message }) => ({ change, message }))).toEqual([
      { change: { feed: type, from: "setup", to: "testing" }, message: "Sample file sent." },
      { change: { feed: type, from: "testing", to: "live" }, message: null },
    ]);
  });
});
