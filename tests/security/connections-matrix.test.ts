import { describe, expect, it } from "vitest";
import { GET as getOne, PATCH as patchOne } from "@/app/api/timp/organizations/connections/[uuid]/route";
import { POST as confirm } from "@/app/api/timp/organizations/connections/[uuid]/confirm/route";
import { POST as deactivate } from "@/app/api/timp/organizations/connections/[uuid]/deactivate/route";
import { POST as decline } from "@/app/api/timp/organizations/connections/[uuid]/decline/route";
import { PATCH as moveFeed } from "@/app/api/timp/organizations/connections/[uuid]/integrations/[integration_uuid]/route";
import { GET as list } from "@/app/api/timp/organizations/connections/route";
import { db } from "@/lib/db/client";
import { approvedConnection } from "@/tests/support/connections";
import { jsonHeaders, person, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

/**
 * Who may do what to a connection, route by route: its retailer's member, its supplier's member,
 * members of two unrelated organizations (a retailer and a supplier), an admin, and anonymous
 * callers. A connection the caller cannot see is a 404; one they can see but not act on, a 403;
 * a refused call changes nothing.
 */
type Who = "anonymous" | "retailer" | "supplier" | "otherRetailer" | "otherSupplier" | "admin";
const everyone: Who[] = ["anonymous", "retailer", "supplier", "otherRetailer", "otherSupplier", "admin"];

type Route = {
  call: (headers: Record<string, string>, id: string, integrationId: string) => Promise<Response>;
  /** The connection must be ACTIVE first (feeds move only then). */
  active?: boolean;
  expected: Record<Who, number>;
};

const body = (method: string, headers: Record<string, string>, payload?: unknown) => ({ method, headers: jsonHeaders(headers), ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
const seen = { anonymous: 401, otherRetailer: 404, otherSupplier: 404 } as const;

const routes: Record<string, Route> = {
  "GET {uuid}": { call: (h, id) => callRoute(getOne, "/x", { headers: h }, { uuid: id }), expected: { ...seen, retailer: 200, supplier: 200, admin: 200 } },
  "PATCH {uuid} retailer's number": {
    call: (h, id) => callRoute(patchOne, "/x", body("PATCH", h, { retailers_supplier_account_number: "N-1" }), { uuid: id }),
    expected: { ...seen, retailer: 200, supplier: 403, admin: 403 },
  },
  "PATCH {uuid} supplier's number": {
    call: (h, id) => callRoute(patchOne, "/x", body("PATCH", h, { suppliers_retailer_account_number: "N-2" }), { uuid: id }),
    expected: { ...seen, retailer: 403, supplier: 200, admin: 403 },
  },
  "POST confirm": { call: (h, id) => callRoute(confirm, "/x", body("POST", h), { uuid: id }), expected: { ...seen, retailer: 403, supplier: 200, admin: 403 } },
  "POST decline": { call: (h, id) => callRoute(decline, "/x", body("POST", h, { reason: "No." }), { uuid: id }), expected: { ...seen, retailer: 403, supplier: 200, admin: 403 } },
  "POST deactivate": { call: (h, id) => callRoute(deactivate, "/x", body("POST", h, { reason: "Ended." }), { uuid: id }), expected: { ...seen, retailer: 200, supplier: 200, admin: 200 } },
  "PATCH integrations/{integration_uuid}": {
    active: true,
    call: (h, id, integrationId) => callRoute(moveFeed, "/x", body("PATCH", h, { phase: "testing" }), { uuid: id, integration_uuid: integrationId }),
    expected: { ...seen, retailer: 200, supplier: 200, admin: 200 },
  },
};

async function world() {
  const people: Record<Exclude<Who, "anonymous">, Person> = {
    retailer: await person(),
    supplier: await person({ type: "supplier" }),
    otherRetailer: await person(),
    otherSupplier: await person({ type: "supplier" }),
    admin: await person({ admin: true }),
  };
  const { connection } = await approvedConnection(people.retailer, people.supplier);
  return { people, connection, headers: (who: Who) => (who === "anonymous" ? {} : people[who].auth) };
}

const state = async (id: string) => JSON.stringify(await db.connection.findUniqueOrThrow({ where: { id }, include: { feeds: { orderBy: { id: "asc" } } } }));

describe("connections: authorization matrix", () => {
  for (const [name, route] of Object.entries(routes)) {
    for (const who of everyone) {
      it(`${name} as ${who}: ${route.expected[who]}`, async () => {
        const { people, connection, headers } = await world();
        if (route.active) await callRoute(confirm, "/x", body("POST", people.supplier.auth), { uuid: connection.id });
        const before = await state(connection.id);
        const eventsBefore = await db.event.count({ where: { connectionId: connection.id } });
        const response = await route.call(headers(who), connection.id, connection.feeds[0]!.integrationId);
        expect(response.status).toBe(route.expected[who]);
        if (response.status !== 200) {
          expect(await state(connection.id)).toBe(before);
          expect(await db.event.count({ where: { connectionId: connection.id } })).toBe(eventsBefore);
        }
        // Nobody learns of another organization's connection: the 404 is the same as for an unknown id.
        if (response.status === 404) {
          const unknown = await route.call(headers(who), crypto.randomUUID(), crypto.randomUUID());
          expect([unknown.status, await unknown.json()]).toEqual([404, await response.json()]);
        }
      });
    }
  }

  it("GET list: each side sees its own, others nothing, admins all, anonymous 401", async () => {
    const { connection, headers } = await world();
    for (const who of everyone) {
      const response = await callRoute(list, "/x?limit=100", { headers: headers(who) });
      if (who === "anonymous") {
        expect(response.status).toBe(401);
        continue;
      }
      const ids = ((await response.json()) as { uuid: string }[]).map((c) => c.uuid);
      expect(ids.includes(connection.id)).toBe(["retailer", "supplier", "admin"].includes(who));
    }
  });
});
