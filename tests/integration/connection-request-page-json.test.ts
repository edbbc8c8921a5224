import { beforeAll, describe, expect, it } from "vitest";
import { connectionRequestDto, connectionRequestInclude } from "@/lib/connection-requests/dto";
import { db } from "@/lib/db/client";
import { person, sessionCookie, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET } from "@/app/api/timp/organizations/connections/request/route";

// The unfiltered TIMP list is JSON text PostgreSQL writes (lib/connection-requests/page-json.ts);
// it must stay byte for byte what connectionRequestDto and JSON.stringify answer, key order included.

const path = "/api/timp/organizations/connections/request/";
// Every character JSON.stringify treats specially, and some it leaves alone.
const awkward = `quote " backslash \\ slash / tab \t newline \n cr \r bell \u0007 esc \u001b del \u007f ü 漢字 🚀 \u2028`;

let retailer: Person;
let admin: Person;

async function seedRequests() {
  const retailerRecord = await db.user.findUniqueOrThrow({ where: { id: retailer.id } });
  const file = await db.uploadedFile.create({
    data: { organizationId: retailer.organizationId!, uploadedById: retailer.id, name: `sample ${awkward}.csv`, contentType: "text/csv", size: 1, sha256: "0".repeat(64), content: Buffer.from("x") },
  });
  await db.user.update({ where: { id: admin.id }, data: { firstName: awkward, phone: "", jobTitle: "Lead \"ops\"" } });
  for (let index = 0; index < 7; index++) {
    const decided = index % 3 === 1;
    await db.connectionRequest.create({
      data: {
        organizationId: retailer.organizationId!,
        requestedById: index === 4 ? null : retailerRecord.id,
        supplierName: index === 2 ? awkward : `Supplier ${index}`,
        contactFullName: "Contact",
        contactPhone: index === 3 ? "" : "+1 555",
        additionalInformation: index === 5 ? awkward : "",
        status: decided ? (index === 1 ? "approved" : "rejected") : "pending",
        rejectionReason: index === 4 ? `No: ${awkward}` : null,
        decidedAt: decided ? new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6 + index)) : null,
        decidedById: decided ? admin.id : null,
        requestDate: new Date(Date.UTC(2026, 5, 1, 0, 0, 0, index * 37)),
        integrations: {
          create: Array.from({ length: index % 3 }, (_, position) => ({
            type: "item" as const,
            updateFrequency: "0 2 * * *",
            fileLocations: position === 0 ? null : `https://files.example/${awkward}`,
            fileSpecs: position === 0 ? "CSV" : null,
            rules: null,
            position: 1 - position,
          })),
        },
        ...(index === 6 ? { files: { create: [{ fileId: file.id, position: 0 }] } } : {}),
      },
    });
  }
}

/** What the list answered when connectionRequestDto built it, for the same page. */
async function expectedText(organizationId: string | null, start: number, limit: number) {
  const where = organizationId ? { organizationId } : {};
  const total = await db.connectionRequest.count({ where });
  const rows = await db.connectionRequest.findMany({
    where,
    orderBy: organizationId ? { orgSequence: "desc" } : { sequence: "desc" },
    skip: Math.min(start, total),
    take: limit,
    include: connectionRequestInclude,
  });
  return JSON.stringify({ requests: rows.map(connectionRequestDto), pagination: { total_count: total, start: Math.min(start, total), limit } });
}

beforeAll(async () => {
  retailer = await person();
  admin = await person({ admin: true });
  await seedRequests();
  // Another organization's requests, which the member's page must not show.
  const other = await person();
  await db.connectionRequest.create({ data: { organizationId: other.organizationId!, supplierName: `Other ${unique()}`, contactFullName: "O" } });
});

describe("the TIMP list as JSON text from PostgreSQL", () => {
  it.each([
    ["a member's first page", 0, 50],
    ["a member's middle page", 2, 3],
    ["a member's page past the end", 40, 10],
    ["an empty page (limit=0)", 0, 0],
  ])("is byte for byte what the DTO wrote: %s", async (_, start, limit) => {
    const response = await callRoute(GET, `${path}?start=${start}&limit=${limit}`, { headers: retailer.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe(await expectedText(retailer.organizationId, start, limit));
  });

  it("is byte for byte what the DTO wrote for an admin's platform pages, first and deep", async () => {
    for (const start of [0, 4]) {
      const response = await callRoute(GET, `${path}?start=${start}&limit=3`, { headers: admin.auth });
      expect(await response.text()).toBe(await expectedText(null, start, 3));
    }
  });

  it("answers a session cookie's page the same way", async () => {
    const cookie = await sessionCookie(retailer.id);
    const response = await callRoute(GET, `${path}?limit=5`, { headers: { cookie } });
    expect(await response.text()).toBe(await expectedText(retailer.organizationId, 0, 5));
  });

  it("refuses a revoked, expired or disabled person's token at once, and records a token's use", async () => {
    const caller = await person();
    const token = await db.apiToken.findFirstOrThrow({ where: { userId: caller.id } });
    expect(token.lastUsedAt).toBeNull();
    expect((await callRoute(GET, path, { headers: caller.auth })).status).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();

    await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const revoked = await callRoute(GET, path, { headers: caller.auth });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ detail: "Invalid token." });

    const expiring = await person();
    await db.apiToken.updateMany({ where: { userId: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callRoute(GET, path, { headers: expiring.auth })).status).toBe(401);

    const disabled = await person();
    await db.user.update({ where: { id: disabled.id }, data: { status: "disabled" } });
    expect((await callRoute(GET, path, { headers: disabled.auth })).status).toBe(401);
  });

  it("keeps the checks of a refused query ahead of the page: a bad token is a 401, a bad limit a 400", async () => {
    const badToken = await callRoute(GET, `${path}?limit=abc`, { headers: { authorization: "Token nope" } });
    expect(badToken.status).toBe(401);
    const badLimit = await callRoute(GET, `${path}?limit=abc`, { headers: retailer.auth });
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toEqual({ limit: ["A valid integer is required."] });
  });

  it("gives a member without an organization an empty page", async () => {
    const loner = await person();
    await db.user.update({ where: { id: loner.id }, data: { organizationId: null } });
    const response = await callRoute(GET, path, { headers: loner.auth });
    expect(await response.json()).toEqual({ requests: [], pagination: { total_count: 0, start: 0, limit: 50 } });
  });
});
