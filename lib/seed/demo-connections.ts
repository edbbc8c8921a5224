import type { Tx } from "../db/connect";
import type { Prisma } from "../generated/prisma/client";
import type { DemoEmail, DemoOrganization } from "./demo";
import type { DemoHistory } from "./demo-history";

type Integration = Omit<Prisma.IntegrationCreateWithoutConnectionRequestInput, "position">;

/**
 * What the demo shows, oldest first (the database numbers requests in the order they are
 * inserted): a rejected request; a connection Acme Retail ended while Initech never answered
 * (DEACTIVATED); one Globex Supply confirmed after a round of changes, its feeds in setup, testing
 * and live (ACTIVE); one waiting for Globex Supply, so sam sees it to confirm (CONFIRMATION
 * WAITING); and two requests still pending, one per retailer, for the admins' queue.
 */
export async function seedDemoConnections(tx: Tx, history: DemoHistory, org: (name: DemoOrganization) => string, user: (email: DemoEmail) => string) {
  const acme = org("Acme Retail");
  const northwind = org("Northwind Stores");
  const admin = user("admin@example.com");
  const alice = user("alice@acme-retail.example");
  const bob = user("bob@northwind.example");
  const sam = user("sam@globex-supply.example");
  const at = (hours: number) => history.ago(hours);

  const request = async (
    organizationId: string,
    requestedById: string,
    hoursAgo: number,
    data: Omit<Prisma.ConnectionRequestUncheckedCreateInput, "organizationId" | "requestedById" | "requestDate" | "integrations">,
    integrations: Integration[] = [],
  ) => {
    const row = await tx.connectionRequest.create({
      data: { ...data, organizationId, requestedById, requestDate: at(hoursAgo), integrations: { create: integrations.map((integration, position) => ({ ...integration, position })) } },
      select: { id: true, organizationId: true, supplierName: true, contactFullName: true, contactEmail: true, contactPhone: true, retailerAccountNumber: true, integrations: { select: { id: true, type: true }, orderBy: { position: "asc" } } },
    });
    const told = history.onRequest(row);
    told(hoursAgo, "connection_request.submitted", requestedById, { toState: "pending" });
    return { ...row, told };
  };
  const approved = (hoursAgo: number) => ({ status: "approved" as const, decidedAt: at(hoursAgo), decidedById: admin });

  /** As lib/connections/create.ts makes it on approval, then as it is now; each feed in the phase given (setup unless said). */
  const connection = async (
    from: Awaited<ReturnType<typeof request>>,
    supplierOrganizationId: string,
    createdHoursAgo: number,
    now: Pick<Prisma.ConnectionUncheckedCreateInput, "status" | "activatedAt" | "deactivatedAt" | "deactivationReason" | "retailersSupplierAccountNumber">,
    phases: Record<string, Pick<Prisma.ConnectionFeedUncheckedCreateInput, "phase" | "phaseChangedAt" | "note">> = {},
  ) => {
    const row = await tx.connection.create({
      data: {
        connectionRequestId: from.id,
        retailerOrganizationId: from.organizationId,
        supplierOrganizationId,
        supplierName: from.supplierName,
        supplierContactName: from.contactFullName,
        supplierContactEmail: from.contactEmail,
        supplierContactPhone: from.contactPhone,
        retailerAccountNumber: from.retailerAccountNumber,
        suppliersRetailerAccountNumber: from.retailerAccountNumber || null,
        createdAt: at(createdHoursAgo),
        ...now,
        feeds: { create: from.integrations.map((integration) => ({ integrationId: integration.id, phaseChangedAt: at(createdHoursAgo), ...phases[integration.type] })) },
      },
      select: { id: true, retailerOrganizationId: true, feeds: { select: { id: true, integration: { select: { type: true } } } } },
    });
    const told = history.onConnection(row);
    told(createdHoursAgo, "connection.created", admin, { toState: "CONFIRMATION WAITING" });
    const feedOf = (type: string) => row.feeds.find((feed) => feed.integration.type === type)!.id;
    return Object.assign(told, { feedOf });
  };

  const umbrella = await request(acme, alice, 480, {
    supplierName: "Umbrella Foods", contactFullName: "Uma Umbrella",
    status: "rejected", rejectionReason: "Umbrella Foods is not on the platform yet.", decidedAt: at(470), decidedById: admin,
  });
  umbrella.told(470, "connection_request.rejected", admin, { fromState: "pending", toState: "rejected", message: "Umbrella Foods is not on the platform yet." });

  const initechReason = "Initech has not confirmed in a week; we order its range through Globex Supply now.";
  const initech = await request(acme, alice, 336, { supplierName: "Initech Wholesale", contactFullName: "Ivan Initech", contactEmail: "ivan@initech.example", ...approved(320) }, [
    { type: "tracking", updateFrequency: "0 * * * *" },
  ]);
  initech.told(320, "connection_request.approved", admin, { fromState: "pending", toState: "approved" });
  const initechConnection = await connection(initech, org("Initech Wholesale"), 320, { status: "deactivated", deactivatedAt: at(150), deactivationReason: initechReason });
  initechConnection(150, "connection.deactivated", alice, { fromState: "CONFIRMATION WAITING", toState: "DEACTIVATED", message: initechReason });

  const globexContact = { supplierName: "Globex Supply", contactFullName: "Gina Globex", contactEmail: "gina@globex-supply.example", contactPhone: "+1 555 0100" };
  const changes = "Please add the order feed's file specification.";
  const globex = await request(acme, alice, 240, { ...globexContact, retailerAccountNumber: "ACME-001", ...approved(200) }, [
    { type: "item", updateFrequency: "0 2 * * *", fileLocations: "sftp://files.globex.example/items/" },
    { type: "order", updateFrequency: "*/30 * * * *", fileSpecs: "CSV, UTF-8, one order per line" },
    { type: "tracking", updateFrequency: "0 * * * *" },
  ]);
  globex.told(228, "connection_request.changes_requested", admin, { fromState: "pending", toState: "changes_requested", message: changes });
  globex.told(221, "connection_request.edited", alice);
  globex.told(220, "connection_request.resubmitted", alice, { fromState: "changes_requested", toState: "pending" });
  globex.told(200, "connection_request.approved", admin, { fromState: "pending", toState: "approved" });
  const live = "First item file received and checked.";
  const globexConnection = await connection(globex, org("Globex Supply"), 200, { status: "active", activatedAt: at(190), retailersSupplierAccountNumber: "GLX-7731" }, {
    item: { phase: "live", phaseChangedAt: at(120), note: live },
    order: { phase: "testing", phaseChangedAt: at(30) },
  });
  globexConnection(190, "connection.activated", sam, { fromState: "CONFIRMATION WAITING", toState: "ACTIVE" });
  const item = globexConnection.feedOf("item");
  globexConnection(170, "connection.feed_phase_changed", sam, { feedId: item, fromState: "setup", toState: "testing" });
  globexConnection(120, "connection.feed_phase_changed", sam, { feedId: item, fromState: "testing", toState: "live", message: live });
  globexConnection(30, "connection.feed_phase_changed", sam, { feedId: globexConnection.feedOf("order"), fromState: "setup", toState: "testing" });

  const waiting = await request(northwind, bob, 72, { ...globexContact, ...approved(20) }, [{ type: "allocation", updateFrequency: "0 0 6 * * 1-5" }]);
  waiting.told(20, "connection_request.approved", admin, { fromState: "pending", toState: "approved" });
  await connection(waiting, org("Globex Supply"), 20, { status: "confirmation_waiting" });

  await request(northwind, bob, 5, { supplierName: "Initech Wholesale", contactFullName: "Ivan Initech", contactEmail: "ivan@initech.example" }, [
    { type: "item", updateFrequency: "0 3 * * *" },
  ]);
  await request(acme, alice, 2, { supplierName: "Vandelay Industries", contactFullName: "Art Vandelay", contactEmail: "art@vandelay.example", retailerAccountNumber: "ACME-002" }, [
    { type: "item", updateFrequency: "0 2 * * *", fileLocations: "sftp://files.vandelay.example/items/" },
    { type: "order", updateFrequency: "*/30 * * * *", fileSpecs: "CSV, UTF-8, one order per line" },
  ]);

  const copy = await tx.dataRequest.create({
    data: { userId: alice, dataTypes: ["profile", "organization"], createdAt: at(1), expectedCompletion: new Date(at(0).getTime() + 23 * 3_600_000) },
    select: { id: true, userId: true },
  });
  history.onDataRequest(copy)(1, "data_request.submitted");
}
