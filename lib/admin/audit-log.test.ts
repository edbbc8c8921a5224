import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { auditCursorOf, auditLogFilterSchema, auditLogQuerySchema } from "@/lib/schemas/admin";
import { person, unique } from "@/tests/support/fixtures";
import { exportAuditLog, listAuditActions, listAuditLog } from "./audit-log";

const at = (iso: string) => new Date(iso);

async function world() {
  const adminPerson = await person({ admin: true });
  const actor = (await actorForApiToken(adminPerson.token))!;
  const [alice, bob] = [await person(), await person()];
  const tag = unique();
  const entry = (action: string, createdAt: string, extra: object = {}) =>
    db.auditEvent.create({ data: { action: `${action}.${tag}`, targetType: "user", targetId: bob.id, createdAt: at(createdAt), ...extra } });
  await entry("user.disable", "2026-03-01T10:00:00.000Z", { actorId: alice.id, subjectUserId: bob.id, fromState: "active", toState: "disabled" });
  await entry("user.enable", "2026-03-02T10:00:00.000Z", { actorId: alice.id, subjectUserId: bob.id });
  await entry("user.promote", "2026-03-03T23:59:59.999Z", { actorId: bob.id, subjectUserId: alice.id, targetId: alice.id });
  await entry("organization.account_manager", "2026-03-04T00:00:00.000Z", { actorId: alice.id, targetType: "organization", targetId: alice.organizationId });
  return { actor, alice, bob, tag };
}

const actions = async (actor: Actor, query: Record<string, string>) =>
  (await listAuditLog(actor, auditLogQuerySchema.parse(query))).entries.map((entry) => entry.action.split(".").slice(0, 2).join("."));

describe("the audit log", () => {
  it("filters by actor e-mail, action, subject (a person's e-mail or a target id) and days, newest first", async () => {
    const { actor, alice, bob, tag } = await world();
    const to = "2026-03-31";
    expect(await actions(actor, { actor: alice.email.toUpperCase(), to })).toEqual(["organization.account_manager", "user.enable", "user.disable"]);
    expect(await actions(actor, { action: `user.enable.${tag}` })).toEqual(["user.enable"]);
    expect(await actions(actor, { subject: bob.email, to })).toEqual(["user.enable", "user.disable"]);
    expect(await actions(actor, { subject: alice.organizationId! })).toEqual(["organization.account_manager"]);
    expect(await actions(actor, { actor: bob.email, to })).toEqual(["user.promote"]);
    // Both days included, in UTC: 23:59:59.999 on the 3rd is in, midnight on the 4th is out.
    expect(await actions(actor, { actor: alice.email, from: "2026-03-02", to: "2026-03-03" })).toEqual(["user.enable"]);
    expect(await actions(actor, { actor: bob.email, from: "2026-03-03", to: "2026-03-03" })).toEqual(["user.promote"]);
    expect(await actions(actor, { actor: `nobody-${tag}@example.com` })).toEqual([]);
    expect(await actions(actor, { subject: `nobody-${tag}@example.com` })).toEqual([]);
    // A bad date or cursor is ignored rather than failing the page.
    expect(auditLogQuerySchema.parse({ from: "yesterday", after: "x" })).toEqual({});
  });

  it("pages newest first by keyset on (time, id): disjoint pages, ties on the time included", async () => {
    const { actor, tag } = await world();
    const same = at("2026-05-01T00:00:00.000Z");
    await db.auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, n) => ({ action: `page.${tag}`, targetType: "t", targetId: String(n), createdAt: n % 3 === 0 ? same : new Date(same.getTime() + n * 1000) })),
    });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const { entries, next } = await listAuditLog(actor, auditLogQuerySchema.parse({ action: `page.${tag}`, after }));
      seen.push(...entries.map((entry) => entry.id));
      const times = entries.map((entry) => entry.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      after = next ? auditCursorOf(next) : undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
  });

  it("lists the actions present, once each, in order", async () => {
    const { actor, tag } = await world();
    const listed = (await listAuditActions(actor)).filter((action) => action.endsWith(tag));
    expect(listed).toEqual([`organization.account_manager.${tag}`, `user.disable.${tag}`, `user.enable.${tag}`, `user.promote.${tag}`]);
  });

  it("exports as filtered to CSV: header row, the entries newest first, formulas disarmed", async () => {
    const { actor, bob, tag } = await world();
    await db.auditEvent.create({
      data: { action: `user.hostile.${tag}`, targetType: "user", targetId: bob.id, subjectUserId: bob.id, toState: '=HYPERLINK("https://evil.example")', fromState: "+1+1", createdAt: at("2026-03-05T00:00:00.000Z") },
    });
    const { csv, fileName } = exportAuditLog(actor, auditLogFilterSchema.parse({ subject: bob.email, to: "2026-12-31" }));
    expect(fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.concat(await csv.toArray()).toString("utf8");
    expect(text.split("\n")[0]).toBe("Time (UTC),Action,Actor,Subject,Target type,Target ID,From,To,Organization ID,Details,Entry ID");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.Action)).toEqual([`user.hostile.${tag}`, `user.enable.${tag}`, `user.disable.${tag}`]);
    expect(rows[0]).toMatchObject({ To: `'=HYPERLINK("https://evil.example")`, From: "'+1+1", Subject: bob.email, "Time (UTC)": "2026-03-05T00:00:00.000Z" });
    expect(rows[2]).toMatchObject({ From: "active", To: "disabled" });
  });
});
