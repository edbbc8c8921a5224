import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { createDataRequest } from "@/lib/data-requests/requests";
import { db } from "@/lib/db/client";
import { bearerFor, person, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// Server actions are public endpoints: each one is called here by someone who must not succeed.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { cancelDataRequestAction, retryDataRequestAction } = await import("@/lib/data-requests/actions");
const { deleteAppAction, revokeAuthorizationAction, rotateSecretAction } = await import("@/lib/oauth/actions");
const { revokeApiTokenAction } = await import("@/lib/auth/api-token-actions");
const { markSubjectReadAction } = await import("@/lib/notifications/actions");

const as = async (who: Person | null) => {
  session.actor = who && (await actorForApiToken(who.token));
};

describe("server actions refuse callers who do not own the object", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("cancelling someone else's data request changes nothing", async () => {
    const [owner, stranger] = [await person(), await person()];
    const { requestId } = await createDataRequest(owner.id, ["profile"]);
    for (const caller of [null, stranger]) {
      await as(caller);
      await cancelDataRequestAction(form({ requestId }));
    }
    expect((await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("queued");
  });

  it("revoking someone else's app authorization, token, or app changes nothing", async () => {
    const [owner, stranger] = [await person(), await person()];
    const { grantId, clientId } = await bearerFor(owner.id);
    const apiToken = await db.apiToken.findFirstOrThrow({ where: { userId: owner.id } });
    await as(stranger);
    await revokeAuthorizationAction(form({ grantId: grantId! }));
    await revokeApiTokenAction(form({ tokenId: apiToken.id }));
    await deleteAppAction(form({ id: clientId }));
    expect(await rotateSecretAction(null, form({ id: clientId }))).toEqual({ ok: false, message: "Not found.", fieldErrors: {} });
    expect((await db.oAuthGrant.findUniqueOrThrow({ where: { id: grantId! } })).revokedAt).toBeNull();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).toBeNull();
    expect(await db.oAuthClient.count({ where: { id: clientId } })).toBe(1);
  });

  it("only admins may retry a failed data request", async () => {
    const owner = await person();
    const { requestId } = await createDataRequest(owner.id, ["profile"]);
    await db.dataRequest.update({ where: { id: requestId }, data: { status: "failed" } });
    await as(owner);
    await expect(retryDataRequestAction(form({ requestId }))).rejects.toMatchObject({ status: 403 });
    expect((await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("failed");
    await as(await person({ admin: true }));
    await retryDataRequestAction(form({ requestId }));
    expect((await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("queued");
  });

  it("marking what a request's page shows as read touches only the caller's own notifications", async () => {
    const [owner, stranger] = [await person(), await person()];
    const { requestId } = await createDataRequest(owner.id, ["profile"]);
    const event = await db.event.create({ data: { type: "data_request.completed", dataRequestId: requestId, userId: owner.id, fannedOutAt: new Date() } });
    const notification = await db.notification.create({ data: { userId: owner.id, eventId: event.id } });
    for (const caller of [null, stranger]) {
      await as(caller);
      await markSubjectReadAction({ dataRequests: true });
    }
    await as(owner);
    for (const bad of [null, "x", { connectionRequestId: "not-a-uuid" }, { dataRequests: true, userId: stranger.id }]) await markSubjectReadAction(bad);
    expect((await db.notification.findUniqueOrThrow({ where: { id: notification.id } })).readAt).toBeNull();
    await markSubjectReadAction({ dataRequests: true });
    expect((await db.notification.findUniqueOrThrow({ where: { id: notification.id } })).readAt).not.toBeNull();
  });
});
