import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/timp/organizations/connections/route";
import { GET as getOne } from "@/app/api/timp/organizations/connections/[uuid]/route";
import { db } from "@/lib/db/client";
import { approvedConnection } from "@/tests/support/connections";
import { person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

const list = (who: Person, query = "") => callRoute(GET, `/api/timp/organizations/connections/${query}`, { headers: who.auth });
const one = (who: Person, id: string) => callRoute(getOne, `/api/timp/organizations/connections/${id}/`, { headers: who.auth }, { uuid: id });
const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("GET /timp/organizations/connections/", () => {
  it("answers the docs' bare array, the same to both sides, with the portal's additions", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection, request } = await approvedConnection(retailer, supplier, { accountNumber: "R-1" });
    const retailerOrg = await db.organization.findUniqueOrThrow({ where: { id: retailer.organizationId! } });
    const supplierOrg = await db.organization.findUniqueOrThrow({ where: { id: supplier.organizationId! } });
    const retailerUser = await db.user.findUniqueOrThrow({ where: { id: retailer.id } });
    const expected = {
      uuid: connection.id,
      retailer: {
        uuid: retailerOrg.id,
        organization: {
          uuid: retailerOrg.id,
          name: retailerOrg.name,
          website: "",
          org_type: "RETAILER",
          status: "ACTIVE",
          created_date: retailerOrg.createdAt.toISOString(),
          active_date: retailerOrg.createdAt.toISOString(),
          account_manager: null,
          retailer_uuid: retailerOrg.id,
          supplier_uuid: "",
        },
        contact: { uuid: retailer.id, first_name: "Test", last_name: retailerUser.lastName, email: retailer.email, phone: "", job_title: "" },
      },
      supplier: {
        uuid: supplierOrg.id,
        organization: {
          uuid: supplierOrg.id,
          name: supplierOrg.name,
          website: "",
          org_type: "SUPPLIER",
          status: "ACTIVE",
          created_date: supplierOrg.createdAt.toISOString(),
          active_date: supplierOrg.createdAt.toISOString(),
          account_manager: null,
          retailer_uuid: "",
          supplier_uuid: supplierOrg.id,
        },
        contact: { uuid: null, first_name: "Gina", last_name: "Globex", email: "gina@globex.example", phone: "+1 555 0100", job_title: "" },
      },
      status: "CONFIRMATION WAITING",
      account_manager: null,
      allocation_type: null,
      suppliers_retailer_account_number: "R-1",
      retailers_supplier_account_number: null,
      deactivated_date: null,
      feeds: connection.feeds
        .sort((a, b) => a.integration.position - b.integration.position)
        .map((feed) => ({
          record_uuid: feed.integrationId,
          integration_type: feed.integration.type,
          update_frequency: feed.integration.updateFrequency,
          phase: "setup",
          phase_changed_date: expect.stringMatching(iso),
          next_expected_date: null,
        })),
      activated_date: null,
      connection_request_uuid: request.id,
    };
    for (const who of [retailer, supplier]) {
      const response = await list(who);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toEqual([expected]);
      // Key order is part of the drop-in promise (clients that compare or print JSON see it).
      expect(Object.keys(body[0])).toEqual(Object.keys(expected));
      expect(await (await one(who, connection.id)).json()).toEqual(expected);
    }
    expect(expected.feeds.map((feed) => feed.integration_type)).toEqual(["item", "order"]);
  });

  it("a supplier not on the portal: null ids, the requested name", async () => {
    const retailer = await person();
    const name = `Nowhere ${unique()}`;
    await approvedConnection(retailer, null, { supplierName: name });
    const [item] = await (await list(retailer)).json();
    expect(item.supplier.uuid).toBeNull();
    expect(item.supplier.organization).toMatchObject({ uuid: null, name, supplier_uuid: null, org_type: "SUPPLIER", status: "PENDING" });
  });

  it("newest first, paged with start/limit forced as on the other list; others see nothing; admins all", async () => {
    const [retailer, stranger, admin] = [await person(), await person(), await person({ admin: true })];
    const first = await approvedConnection(retailer, null);
    const second = await approvedConnection(retailer, null);
    const ids = async (who: Person, query = "") => ((await (await list(who, query)).json()) as { uuid: string }[]).map((c) => c.uuid);
    expect(await ids(retailer)).toEqual([second.connection.id, first.connection.id]);
    expect(await ids(retailer, "?limit=1")).toEqual([second.connection.id]);
    expect(await ids(retailer, "?start=1&limit=1")).toEqual([first.connection.id]);
    expect(await ids(retailer, "?start=99")).toEqual([]);
    expect(await ids(retailer, "?limit=500")).toHaveLength(2);
    expect(await ids(stranger)).toEqual([]);
    expect(await ids(admin, "?limit=100")).toEqual(expect.arrayContaining([first.connection.id, second.connection.id]));
    expect((await list(stranger, "?limit=-1")).status).toBe(400);
  });

  it("one connection: 404 for one the caller cannot see, or an unknown id", async () => {
    const [retailer, stranger, supplier] = [await person(), await person(), await person({ type: "supplier" })];
    const { connection } = await approvedConnection(retailer, null);
    expect((await one(stranger, connection.id)).status).toBe(404);
    expect((await one(supplier, connection.id)).status).toBe(404);
    expect((await one(retailer, crypto.randomUUID())).status).toBe(404);
    expect((await one(retailer, "not-a-uuid")).status).toBe(404);
    expect((await one(retailer, connection.id)).status).toBe(200);
  });
});
