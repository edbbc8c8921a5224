import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { db } from "@/lib/db/client";
import { jsonHeaders, person, unique, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

/**
 * A connection as an approval makes it: a retailer's request (with two integrations) approved
 * by an admin through the API, linked to the supplier organization when one is given.
 */
export async function approvedConnection(retailer: Person, supplier: Person | null, options: { supplierName?: string; accountNumber?: string } = {}) {
  const admin = await person({ admin: true });
  const supplierName = options.supplierName ?? `Unlisted ${unique()}`;
  const request = await db.connectionRequest.create({
    data: {
      organizationId: retailer.organizationId!,
      requestedById: retailer.id,
      supplierName,
      contactFullName: "Gina Globex",
      contactEmail: "gina@globex.example",
      contactPhone: "+1 555 0100",
      retailerAccountNumber: options.accountNumber ?? "",
      integrations: {
        create: [
          { type: "item", updateFrequency: "0 2 * * *", position: 0 },
          { type: "order", updateFrequency: "*/15 * * * *", position: 1 },
        ],
      },
    },
  });
  const body = supplier ? { supplier_organization_uuid: supplier.organizationId } : {};
  const response = await callRoute(approve, "/x", { method: "POST", headers: jsonHeaders(admin.auth), body: JSON.stringify(body) }, { uuid: request.id });
  if (response.status !== 204) throw new Error(`approve answered ${response.status}: ${await response.text()}`);
  const connection = await db.connection.findUniqueOrThrow({ where: { connectionRequestId: request.id }, include: { feeds: { include: { integration: true } } } });
  return { admin, request, connection };
}
