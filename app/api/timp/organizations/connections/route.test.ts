import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { person, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { GET } from "./route";

/** An approved request and the connection it created, as an approval would leave them. */
async function connect(retailer: Person, supplier: Person | null) {
  const request = await db.connectionRequest.create({
    data: {
      organizationId: retailer.organizationId!,
      requestedById: retailer.id,
      supplierName: "Globex",
      contactFullName: "Gina",
      status: "approved",
      decidedAt: new Date(),
    },
  });
  return db.connection.create({
    data: {
      connectionRequestId: request.id,
      retailerOrganizationId: retailer.organizationId!,
      supplierOrganizationId: supplier?.organizationId ?? null,
      supplierName: "Globex",
      supplierContactName: "Gina",
      supplierContactEmail: "gina@globex.example",
      retailerAccountNumber: "R-1",
    },
  });
}
const list = (who: Person, query = "") => callRoute(GET, `/api/timp/organizations/connections/${query}`, { headers: who.auth });

describe("GET /timp/organizations/connections/", () => {
  it("lists a connection to both sides in the documented shape", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const connection = await connect(retailer, supplier);
    for (const who of [retailer, supplier]) {
      const body = await (await list(who)).json();
      expect(body).toEqual({
        connections: [
          {
            uuid: connection.id,
            connection_request_uuid: connection.connectionRequestId,
            retailer: {
              organization: { uuid: retailer.organizationId, name: expect.any(String) },
              contact: expect.objectContaining({ uuid: retailer.id, email: retailer.email }),
            },
            supplier: {
              organization: { uuid: supplier.organizationId, name: expect.any(String) },
              contact: { full_name: "Gina", email: "gina@globex.example", phone: "" },
            },
            status: "active",
            retailer_account_number: "R-1",
            date_created: expect.stringMatching(/Z$/),
          },
        ],
        pagination: { total_count: 1, start: 0, limit: 50 },
      });
    }
  });

  it("shows nothing of other organizations' connections; admins see all", async () => {
    const [retailer, stranger, admin] = [await person(), await person(), await person({ admin: true })];
    const connection = await connect(retailer, null);
    expect((await (await list(stranger)).json()).connections).toEqual([]);
    const all = (await (await list(admin, "?limit=100")).json()).connections.map((c: { uuid: string }) => c.uuid);
    expect(all).toContain(connection.id);
    expect((await list(stranger, "?limit=-1")).status).toBe(400);
  });
});
