import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { GET as exportQueue } from "@/app/admin/approvals/export/route";
import { GET as exportOwn } from "@/app/(portal)/connections/export/route";
import { db } from "@/lib/db/client";
import { person, sessionCookie, unique } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

async function download(handler: typeof exportOwn, url: string, userId?: string) {
  const response = await callRoute(handler, url, { headers: userId ? { cookie: await sessionCookie(userId) } : {} });
  return { response, text: response.status === 200 ? await response.text() : "" };
}

const rowsOf = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

async function submitted(organizationId: string, requestedById: string, supplierName: string, extra: object = {}) {
  return db.connectionRequest.create({ data: { organizationId, requestedById, supplierName, contactFullName: "Casey Contact", ...extra } });
}

describe("CSV export", () => {
  it("gives a member their organization's requests, quoted properly, with formulas disarmed", async () => {
    const member = await person();
    const stranger = await person();
    await submitted(stranger.organizationId!, stranger.id, "Not yours");
    const hostile = ["=HYPERLINK(\"https://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", 'Quote "and", comma\nnewline'];
    for (const name of hostile) await submitted(member.organizationId!, member.id, name, { additionalInformation: "=cmd|' /C calc'!A0" });

    const { response, text } = await download(exportOwn, "/connections/export", member.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="connection-requests-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(text.split("\n")[0]).toBe(
      "Request ID,Supplier,Requesting organization,Requested by,Contact name,Contact phone,Contact e-mail,Account number,Integrations,Status,Requested at (UTC),Decided at (UTC),Decided by,Rejection reason,Additional information",
    );
    const rows = rowsOf(text);
    // In submission order; each formula-looking cell starts with ' so a spreadsheet shows it as text.
    expect(rows.map((row) => row.Supplier)).toEqual(["'=HYPERLINK(\"https://evil.example\",\"click\")", "'+1+1", "'-2+3", "'@SUM(A1:A2)", 'Quote "and", comma\nnewline']);
    expect(rows.every((row) => row["Additional information"] === "'=cmd|' /C calc'!A0")).toBe(true);
    expect(rows.every((row) => row["Requested by"] === member.email && row.Status === "pending")).toBe(true);
    expect(rows[0]!["Requested at (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("applies the list's status and search filters", async () => {
    const member = await person();
    await submitted(member.organizationId!, member.id, "Alpha Foods");
    await submitted(member.organizationId!, member.id, "Beta Foods", { status: "rejected", rejectionReason: "Not onboarded" });
    const rejected = rowsOf((await download(exportOwn, "/connections/export?status=rejected", member.id)).text);
    expect(rejected.map((row) => [row.Supplier, row["Rejection reason"]])).toEqual([["Beta Foods", "Not onboarded"]]);
    const searched = rowsOf((await download(exportOwn, "/connections/export?q=alpha", member.id)).text);
    expect(searched.map((row) => row.Supplier)).toEqual(["Alpha Foods"]);
  });

  it("streams every row of a long list, across read batches", async () => {
    const member = await person();
    const count = 1_234;
    await db.connectionRequest.createMany({
      data: Array.from({ length: count }, (_, index) => ({ organizationId: member.organizationId!, requestedById: member.id, supplierName: `Supplier ${index}`, contactFullName: "C" })),
    });
    const rows = rowsOf((await download(exportOwn, "/connections/export", member.id)).text);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row["Request ID"])).size).toBe(count);
  });

  it("gives admins the queue as filtered, by organization and search across organizations", async () => {
    const admin = await person({ admin: true });
    const tag = unique();
    const acme = await person({ organizationName: `Acme ${tag}` });
    const other = await person({ organizationName: `Other ${tag}` });
    await submitted(acme.organizationId!, acme.id, `Supplier of Acme ${tag}`);
    await submitted(other.organizationId!, other.id, `Supplier of Other ${tag}`);

    const byOrganization = rowsOf((await download(exportQueue, `/admin/approvals/export?organization=${acme.organizationId}`, admin.id)).text);
    expect(byOrganization.map((row) => row["Requesting organization"])).toEqual([`Acme ${tag}`]);
    const searched = rowsOf((await download(exportQueue, `/admin/approvals/export?q=${tag}&status=pending`, admin.id)).text);
    expect(searched.map((row) => row.Supplier).sort()).toEqual([`Supplier of Acme ${tag}`, `Supplier of Other ${tag}`]);
  });

  it("refuses with a JSON 4xx: no session, a member at the queue, someone in no organization", async () => {
    const member = await person();
    const admin = await person({ admin: true });
    const anonymous = await download(exportOwn, "/connections/export");
    expect(anonymous.response.status).toBe(401);
    expect(await anonymous.response.json()).toEqual({ error: "Unauthorized", message: "Sign in to download this." });
    const memberAtQueue = await download(exportQueue, "/admin/approvals/export", member.id);
    expect(memberAtQueue.response.status).toBe(403);
    expect(JSON.stringify(await memberAtQueue.response.json())).toMatch(/admin/i);
    const adminOwn = await download(exportOwn, "/connections/export", admin.id);
    expect(adminOwn.response.status).toBe(403);
  });
});
