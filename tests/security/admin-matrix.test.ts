import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { auditLogFilterSchema, auditLogQuerySchema, organizationsQuerySchema, peopleQuerySchema, type PersonChange } from "@/lib/schemas/admin";
import { person, sessionCookie, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { form } from "@/tests/support/forms";

/**
 * The platform admins' people, organizations and audit log: every action, data function and the
 * export, for an organization's owner and member, another organization's owner, an admin and
 * anonymous. Only the admin succeeds, and a refusal leaves the database as it was. (The pages
 * call these functions after requireAdmin, which answers 404 to everyone else.)
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({ ...(await original<object>()), getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { changePersonAction } = await import("@/lib/admin/actions");
const { changePerson, getPerson, listPeople } = await import("@/lib/admin/people");
const { getOrganization, listOrganizations } = await import("@/lib/admin/organizations");
const { exportAuditLog, listAuditActions, listAuditLog } = await import("@/lib/admin/audit-log");
const { GET: exportRoute } = await import("@/app/admin/audit/export/route");

type Who = "anonymous" | "owner" | "member" | "otherOwner" | "admin";
const everyone: Who[] = ["anonymous", "owner", "member", "otherOwner", "admin"];

async function world() {
  const owner = await person();
  const { name: organizationName } = await db.organization.findUniqueOrThrow({ where: { id: owner.organizationId! } });
  const people: Record<Exclude<Who, "anonymous">, Person> = {
    owner,
    member: await person({ organizationName }),
    otherOwner: await person(),
    admin: await person({ admin: true }),
  };
  await person({ admin: true }); // a second admin: demoting the target is never the last-admin refusal
  const actorOf = async (who: Who) => (who === "anonymous" ? null : (await actorForApiToken(people[who].token))!);
  return { people, actorOf };
}

const snapshot = async () =>
  JSON.stringify([
    await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, status: true, updatedAt: true } }),
    await db.apiToken.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    await db.userSession.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    await db.auditEvent.count(),
  ]);


/** Whom each change is tried on: the member of the owner's organization, in the state the change applies to. */
const prepare: Record<PersonChange, { role: "member" | "admin"; status: "active" | "disabled" }> = {
  disable: { role: "member", status: "active" },
  enable: { role: "member", status: "disabled" },
  promote: { role: "member", status: "active" },
  demote: { role: "admin", status: "active" },
};

describe("admin matrix: changing a person (server action)", () => {
  beforeEach(() => {
    session.actor = null;
  });
  for (const change of Object.keys(prepare) as PersonChange[]) {
    for (const who of everyone) {
      it(`${change} by ${who}: ${who === "admin" ? "done, audited" : "refused, nothing changes"}`, async () => {
        const { people, actorOf } = await world();
        const target = (await person({ organizationName: (await db.organization.findUniqueOrThrow({ where: { id: people.owner.organizationId! } })).name })).id;
        await db.user.update({ where: { id: target }, data: prepare[change] });
        session.actor = await actorOf(who);
        const before = await snapshot();
        const state = await changePersonAction(null, form({ userId: target, change }));
        if (who === "admin") {
          expect(state).toMatchObject({ ok: true });
          expect(await db.auditEvent.count({ where: { subjectUserId: target, action: `user.${change}`, actorId: people.admin.id } })).toBe(1);
        } else {
          expect(state).toMatchObject({ ok: false, message: who === "anonymous" ? expect.stringMatching(/Sign in/) : expect.stringMatching(/Only platform admins/) });
          expect(await snapshot()).toBe(before);
        }
      });
    }
  }

  it("a bad id or change is refused before anything is read", async () => {
    const { actorOf } = await world();
    session.actor = await actorOf("admin");
    const before = await snapshot();
    expect(await changePersonAction(null, form({ userId: "x", change: "disable" }))).toMatchObject({ ok: false, fieldErrors: { userId: expect.any(Array) } });
    expect(await changePersonAction(null, form({ userId: crypto.randomUUID(), change: "delete" }))).toMatchObject({ ok: false, fieldErrors: { change: expect.any(Array) } });
    expect(await changePersonAction(null, form({ userId: crypto.randomUUID(), change: "disable" }))).toEqual({ ok: false, message: "Not found.", fieldErrors: {} });
    expect(await snapshot()).toBe(before);
  });
});

describe("admin matrix: the pages' data functions", () => {
  for (const who of everyone.filter((who) => who !== "anonymous")) {
    it(`${who}: ${who === "admin" ? "reads" : "403 from every one"}`, async () => {
      const { people, actorOf } = await world();
      const actor = (await actorOf(who))!;
      const calls = [
        () => listPeople(actor, peopleQuerySchema.parse({})),
        () => getPerson(actor, people.member.id),
        () => changePerson(actor, people.member.id, "promote"),
        () => listOrganizations(actor, organizationsQuerySchema.parse({})),
        () => getOrganization(actor, people.owner.organizationId!),
        () => listAuditLog(actor, auditLogQuerySchema.parse({})),
        () => listAuditActions(actor),
        async () => exportAuditLog(actor, auditLogFilterSchema.parse({})),
      ];
      const before = await snapshot();
      for (const call of calls) {
        if (who === "admin") await expect(call()).resolves.toBeTruthy();
        else await expect(call()).rejects.toMatchObject({ status: 403 });
      }
      if (who !== "admin") expect(await snapshot()).toBe(before);
    });
  }
});

describe("admin matrix: GET /admin/audit/export", () => {
  const expected: Record<Who, number> = { anonymous: 401, owner: 403, member: 403, otherOwner: 403, admin: 200 };
  for (const who of everyone) {
    it(`${who}: ${expected[who]}`, async () => {
      const { people } = await world();
      const headers: Record<string, string> = who === "anonymous" ? {} : { cookie: await sessionCookie(people[who].id) };
      const response = await callRoute(exportRoute, `/admin/audit/export?subject=${encodeURIComponent(people.member.email)}`, { headers });
      expect(response.status).toBe(expected[who]);
      if (who === "admin") {
        expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
        expect(parse(await response.text(), { columns: true })).toEqual([]);
      } else {
        const body = await response.json();
        expect(body).toEqual({ error: expect.any(String), message: who === "anonymous" ? "Sign in to download this." : expect.stringMatching(/Only platform admins/) });
      }
    });
  }
  it("parses the filters as the page does", () => {
    expect(auditLogFilterSchema.parse({ subject: " x ", from: "2026-01-01", after: "ignored" })).toEqual({ subject: "x", from: "2026-01-01" });
  });
});
