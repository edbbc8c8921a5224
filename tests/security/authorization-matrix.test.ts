import { describe, expect, it } from "vitest";
import { GET as dataDownload } from "@/app/api/requests/[requestId]/download/route";
import { DELETE as dataCancel, GET as dataGet } from "@/app/api/requests/[requestId]/route";
import { GET as fileGet } from "@/app/api/timp/organizations/files/[uuid]/route";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { POST as reject } from "@/app/api/timp/organizations/connections/request/[uuid]/reject/route";
import { GET as detail, PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { GET as list, POST as create } from "@/app/api/timp/organizations/connections/request/route";
import { GET as listConnections } from "@/app/api/timp/organizations/connections/route";
import { POST as upload } from "@/app/api/timp/organizations/files/upload/route";
import { createDataRequest } from "@/lib/data-requests/requests";
import { drainQueue } from "@/lib/data-requests/worker";
import { db } from "@/lib/db/client";
import { bearerFor, jsonHeaders, person, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

/**
 * Who may do what to which object: every TIMP route with an id, for anonymous callers, members
 * of the owning organization (A), of another retailer (B), of a supplier, and admins, against
 * A's object and an id that does not exist. Another organization's object is a 404, exactly like
 * a missing one, and a refused call leaves the database as it was.
 */
type Who = "anonymous" | "memberA" | "memberB" | "supplier" | "admin";
const everyone: Who[] = ["anonymous", "memberA", "memberB", "supplier", "admin"];

async function world() {
  const memberA = await person();
  const people: Record<Exclude<Who, "anonymous">, Person> = {
    memberA,
    memberB: await person(),
    supplier: await person({ type: "supplier" }),
    admin: await person({ admin: true }),
  };
  const headers = (who: Who) => (who === "anonymous" ? {} : people[who].auth);
  return { people, headers, memberA };
}

async function snapshot() {
  return JSON.stringify(
    await db.connectionRequest.findMany({ orderBy: { id: "asc" }, include: { integrations: true, files: true } }),
  ) + (await db.auditEvent.count()) + (await db.connection.count());
}

const routes = {
  "GET request": { call: (h: Record<string, string>, id: string) => callRoute(detail, "/x", { headers: h }, { uuid: id }), own: { anonymous: 401, memberA: 200, memberB: 404, supplier: 404, admin: 200 }, missing: { anonymous: 401, memberA: 404, memberB: 404, supplier: 404, admin: 404 } },
  "PATCH request": {
    call: (h: Record<string, string>, id: string) => callRoute(patch, "/x", { method: "PATCH", headers: jsonHeaders(h), body: JSON.stringify({ additional_information: "changed" }) }, { uuid: id }),
    own: { anonymous: 401, memberA: 204, memberB: 404, supplier: 404, admin: 403 },
    missing: { anonymous: 401, memberA: 404, memberB: 404, supplier: 404, admin: 403 },
  },
  "POST approve": {
    call: (h: Record<string, string>, id: string) => callRoute(approve, "/x", { method: "POST", headers: h }, { uuid: id }),
    own: { anonymous: 401, memberA: 403, memberB: 403, supplier: 403, admin: 204 },
    missing: { anonymous: 401, memberA: 403, memberB: 403, supplier: 403, admin: 404 },
  },
  "POST reject": {
    call: (h: Record<string, string>, id: string) => callRoute(reject, "/x", { method: "POST", headers: jsonHeaders(h), body: '{"reason":"no"}' }, { uuid: id }),
    own: { anonymous: 401, memberA: 403, memberB: 403, supplier: 403, admin: 204 },
    missing: { anonymous: 401, memberA: 403, memberB: 403, supplier: 403, admin: 404 },
  },
} as const;

describe("authorization matrix: connection requests", () => {
  for (const [name, route] of Object.entries(routes)) {
    for (const who of everyone) {
      it(`${name} by ${who}: A's request ${route.own[who]}, a missing one ${route.missing[who]}`, async () => {
        const { headers, memberA } = await world();
        const request = await db.connectionRequest.create({
          data: { organizationId: memberA.organizationId!, requestedById: memberA.id, supplierName: "Matrix", contactFullName: "M" },
        });
        const before = await snapshot();
        const own = await route.call(headers(who), request.id);
        expect(own.status).toBe(route.own[who]);
        if (own.status >= 400) {
          expect(await own.json()).toEqual({ detail: expect.any(String) });
          expect(await snapshot()).toBe(before);
        }
        if (own.status === 404) expect(await (await route.call(headers(who), crypto.randomUUID())).json()).toEqual({ detail: "Not found." });
        const missing = await route.call(headers(who), crypto.randomUUID());
        expect(missing.status).toBe(route.missing[who]);
      });
    }
  }
});

describe("authorization matrix: files", () => {
  const expected: Record<Who, number> = { anonymous: 401, memberA: 200, memberB: 404, supplier: 404, admin: 200 };
  for (const who of everyone) {
    it(`GET A's file by ${who}: ${expected[who]}`, async () => {
      const { headers, memberA } = await world();
      const file = await db.uploadedFile.create({
        data: { organizationId: memberA.organizationId!, uploadedById: memberA.id, name: "a.csv", contentType: "text/plain", size: 1, sha256: "0", content: new Uint8Array([65]) },
      });
      expect((await callRoute(fileGet, "/x", { headers: headers(who) }, { uuid: file.id })).status).toBe(expected[who]);
    });
  }
});

describe("authorization matrix: data requests are their person's alone", () => {
  it("another person's id, an admin's token included, is 404 and nothing changes", async () => {
    const owner = await person();
    const { requestId } = await createDataRequest(owner.id, ["profile"]);
    const ready = await createDataRequest(owner.id, ["organization"]);
    await drainQueue("matrix");
    const strangers = [await person(), await person({ admin: true })];
    for (const stranger of strangers) {
      const { auth } = await bearerFor(stranger.id);
      expect((await callRoute(dataGet, "/x", { headers: auth }, { requestId })).status).toBe(404);
      expect((await callRoute(dataDownload, "/x", { headers: auth }, { requestId: ready.requestId })).status).toBe(404);
      expect((await callRoute(dataCancel, "/x", { method: "DELETE", headers: auth }, { requestId })).status).toBe(404);
    }
    expect((await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } })).status).not.toBe("cancelled");
    const { auth } = await bearerFor(owner.id);
    expect((await callRoute(dataGet, "/x", { headers: auth }, { requestId })).status).toBe(200);
  });
});

describe("authorization matrix: collections", () => {
  const listStatus: Record<Who, number> = { anonymous: 401, memberA: 200, memberB: 200, supplier: 200, admin: 200 };
  const seesA: Record<Who, boolean> = { anonymous: false, memberA: true, memberB: false, supplier: false, admin: true };
  const createStatus: Record<Who, number> = { anonymous: 401, memberA: 201, memberB: 201, supplier: 409, admin: 409 };
  const uploadStatus: Record<Who, number> = { anonymous: 401, memberA: 201, memberB: 201, supplier: 201, admin: 409 };

  for (const who of everyone) {
    it(`${who}: list ${listStatus[who]} (sees A's: ${seesA[who]}), create ${createStatus[who]}, upload ${uploadStatus[who]}, connections`, async () => {
      const { headers, memberA, people } = await world();
      const request = await db.connectionRequest.create({
        data: { organizationId: memberA.organizationId!, requestedById: memberA.id, supplierName: "Listed", contactFullName: "L", status: "approved" },
      });
      const connection = await db.connection.create({
        data: { connectionRequestId: request.id, retailerOrganizationId: memberA.organizationId!, supplierOrganizationId: people.supplier.organizationId, supplierName: "Listed", supplierContactName: "L" },
      });

      const listed = await callRoute(list, "/x?limit=100", { headers: headers(who) });
      expect(listed.status).toBe(listStatus[who]);
      if (listed.ok) {
        const ids = ((await listed.json()) as { requests: { record_uuid: string }[] }).requests.map((r) => r.record_uuid);
        expect(ids.includes(request.id)).toBe(seesA[who]);
      }

      const created = await callRoute(create, "/x", { method: "POST", headers: jsonHeaders(headers(who)), body: JSON.stringify({ organization_name: "S", primary_contact_name: "C" }) });
      expect(created.status).toBe(createStatus[who]);

      const form = new FormData();
      form.append("file", new Blob(["a"]), "a.txt");
      expect((await callRoute(upload, "/x", { method: "POST", headers: headers(who), body: form })).status).toBe(uploadStatus[who]);

      const connections = await callRoute(listConnections, "/x?limit=100", { headers: headers(who) });
      expect(connections.status).toBe(who === "anonymous" ? 401 : 200);
      if (connections.ok) {
        const ids = ((await connections.json()) as { uuid: string }[]).map((c) => c.uuid);
        // The supplier side of a connection sees it too; an unrelated retailer does not.
        expect(ids.includes(connection.id)).toBe(who === "memberA" || who === "supplier" || who === "admin");
      }
    });
  }
});
