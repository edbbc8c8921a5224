import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { person, unique, type Person } from "@/tests/support/fixtures";
import { form } from "@/tests/support/forms";

// Every team action is a public POST endpoint: each is called by every kind of caller, and only
// the organization's owner may change anything.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("@/lib/auth/session-cookie", () => ({ startSessionCookie: async () => undefined }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "10.43.0.1" }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const actions = await import("@/lib/teams/actions");
const { inviteMember } = await import("@/lib/teams/invitations");

const as = async (who: Person | null) => {
  session.actor = who && (await actorForApiToken(who.token));
};

/** An owner, a member of the same organization, another organization's owner and an admin. */
async function cast() {
  const owner = await person();
  const name = (await db.organization.findUniqueOrThrow({ where: { id: owner.organizationId! } })).name;
  const member = await person({ organizationName: name });
  const [outsider, admin] = [await person(), await person({ admin: true })];
  await as(owner);
  const invitation = await inviteMember(session.actor!, { email: `invitee-${unique()}@example.com`, role: "member" });
  return { owner, member, outsider, admin, invitationId: invitation.id };
}

/** What the callers could change: the team's people and roles, and the invitation. */
async function snapshot(organizationId: string, invitationId: string) {
  const [people, invitation] = await Promise.all([
    db.user.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: { id: true, organizationRole: true } }),
    db.teamInvitation.findUniqueOrThrow({ where: { id: invitationId }, select: { tokenHash: true, revokedAt: true, sentCount: true } }),
  ]);
  return { people, invitation, invitations: await db.teamInvitation.count({ where: { organizationId } }) };
}

describe("team actions: only the organization's owner changes its team", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("refuses the member, another organization's owner, an admin and anonymous callers, and changes nothing", async () => {
    const { owner, member, outsider, admin, invitationId } = await cast();
    const before = await snapshot(owner.organizationId!, invitationId);
    for (const caller of [null, member, outsider, admin]) {
      await as(caller);
      const outcomes = [
        // Another organization's owner invites into their own organization only: not a way into this one.
        ...(caller === outsider ? [] : [await actions.inviteMemberAction(null, form({ email: `x-${unique()}@example.com` }))]),
        await actions.resendTeamInvitationAction(null, form({ invitationId })),
        await actions.revokeTeamInvitationAction(null, form({ invitationId })),
        await actions.changeMemberRoleAction(null, form({ userId: member.id, role: "owner" })),
        await actions.changeMemberRoleAction(null, form({ userId: owner.id, role: "member" })),
        await actions.removeMemberAction(null, form({ userId: owner.id })),
      ];
      for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false });
      if (caller === null) for (const outcome of outcomes) expect(outcome).toMatchObject({ message: "Your session has ended. Sign in again." });
    }
    expect(await snapshot(owner.organizationId!, invitationId)).toEqual(before);
  });

  it("lets the owner do each of them", async () => {
    const { owner, member, invitationId } = await cast();
    await as(owner);
    expect(await actions.resendTeamInvitationAction(null, form({ invitationId }))).toMatchObject({ ok: true });
    expect(await actions.revokeTeamInvitationAction(null, form({ invitationId }))).toMatchObject({ ok: true });
    expect(await actions.inviteMemberAction(null, form({ email: `y-${unique()}@example.com`, role: "owner" }))).toMatchObject({ ok: true });
    expect(await actions.changeMemberRoleAction(null, form({ userId: member.id, role: "owner" }))).toMatchObject({ ok: true });
    expect(await actions.removeMemberAction(null, form({ userId: member.id }))).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ organizationId: null });
  });

  it("answers bad input with the field named, before anything is read", async () => {
    const { owner } = await cast();
    await as(owner);
    expect(await actions.inviteMemberAction(null, form({ email: "not an address" }))).toMatchObject({ ok: false, fieldErrors: { email: ["Enter a valid e-mail address."] } });
    expect(await actions.inviteMemberAction(null, form({ email: `z-${unique()}@example.com`, role: "boss" }))).toMatchObject({ ok: false, fieldErrors: { role: [expect.any(String)] } });
    expect(await actions.changeMemberRoleAction(null, form({ userId: "nope", role: "owner" }))).toMatchObject({ ok: false, fieldErrors: { userId: ["Choose a member."] } });
    expect(await actions.removeMemberAction(null, form({ userId: crypto.randomUUID() }))).toMatchObject({ ok: false, message: "No such member of your team." });
  });

  it("leaving needs a sign-in and an organization; an admin or anonymous caller leaves nothing", async () => {
    const { owner, member, admin } = await cast();
    await as(null);
    expect(await actions.leaveOrganizationAction(null)).toMatchObject({ ok: false });
    await as(admin);
    expect(await actions.leaveOrganizationAction(null)).toMatchObject({ ok: false, message: "You are not in an organization." });
    await as(owner);
    expect(await actions.leaveOrganizationAction(null)).toMatchObject({ ok: false, message: expect.stringMatching(/at least one owner/) });
    await as(member);
    await expect(actions.leaveOrganizationAction(null)).rejects.toThrow("redirect /");
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).organizationId).toBeNull();
  });

  it("the invitation page's actions: a stranger's token and a signed-out join change nothing", async () => {
    await as(null);
    expect(await actions.joinTeamAction(null, form({ token: "ti_not-a-real-token" }))).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    expect(await actions.acceptTeamInvitationAction(null, form({ token: "ti_not-a-real-token", name: "Mallory", password: "a long enough password" }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not valid/),
    });
    expect(await db.user.count({ where: { firstName: "Mallory" } })).toBe(0);
  });
});
