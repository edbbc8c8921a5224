import type { Db } from "../db/connect";
import { hashPassword } from "../auth/password";

export const demoPassword = "demo-password";

export const demoAccounts = [
  { email: "admin@example.com", role: "admin", organization: null, firstName: "Ada", lastName: "Admin" },
  { email: "alice@acme-retail.example", role: "member", organization: "Acme Retail", firstName: "Alice", lastName: "Archer" },
  { email: "bob@northwind.example", role: "member", organization: "Northwind Stores", firstName: "Bob", lastName: "Baker" },
  { email: "sam@globex-supply.example", role: "member", organization: "Globex Supply", firstName: "Sam", lastName: "Stone" },
] as const;

const demoOrganizations = [
  { name: "Acme Retail", type: "retailer" },
  { name: "Northwind Stores", type: "retailer" },
  { name: "Globex Supply", type: "supplier" },
  { name: "Initech Wholesale", type: "supplier" },
] as const;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** Demo organizations, people and requests, loaded into an empty database only. */
export async function seedDemoData(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);

  await db.$transaction(async (tx) => {
    const orgs = new Map<string, string>();
    for (const org of demoOrganizations) {
      const created = await tx.organization.create({ data: { ...org, nameKey: org.name.toLowerCase() } });
      orgs.set(org.name, created.id);
    }
    const users = new Map<string, string>();
    for (const account of demoAccounts) {
      const { organization, ...person } = account;
      const user = await tx.user.create({
        data: { ...person, passwordHash, emailVerifiedAt: new Date(), organizationId: organization ? orgs.get(organization) : null },
      });
      users.set(account.email, user.id);
    }
    const acme = orgs.get("Acme Retail")!;
    const alice = users.get("alice@acme-retail.example")!;
    const admin = users.get("admin@example.com")!;

    const contact = { contactFullName: "Gina Globex", contactEmail: "gina@globex-supply.example", contactPhone: "+1 555 0100" };
    // Oldest first: the database numbers requests in the order they are inserted.
    await tx.connectionRequest.create({
      data: {
        organizationId: acme, requestedById: alice, supplierName: "Umbrella Foods", contactFullName: "Uma Umbrella",
        requestDate: hoursAgo(96), status: "rejected", rejectionReason: "Umbrella Foods is not on the platform yet.",
        decidedAt: hoursAgo(90), decidedById: admin,
      },
    });
    const approved = await tx.connectionRequest.create({
      data: {
        organizationId: acme, requestedById: alice, supplierName: "Initech Wholesale",
        contactFullName: "Ivan Initech", contactEmail: "ivan@initech.example", requestDate: hoursAgo(72),
        status: "approved", decidedAt: hoursAgo(48), decidedById: admin,
        integrations: { create: [{ type: "tracking", updateFrequency: "0 * * * *", position: 0 }] },
      },
      include: { integrations: { select: { id: true } } },
    });
    // Confirmed by the supplier a few hours after approval; its one feed is still being set up.
    await tx.connection.create({
      data: {
        connectionRequestId: approved.id, retailerOrganizationId: acme, supplierOrganizationId: orgs.get("Initech Wholesale"),
        supplierName: "Initech Wholesale", supplierContactName: "Ivan Initech", supplierContactEmail: "ivan@initech.example",
        createdAt: hoursAgo(48), status: "active", activatedAt: hoursAgo(44),
        feeds: { create: approved.integrations.map((integration) => ({ integrationId: integration.id, phaseChangedAt: hoursAgo(44) })) },
      },
    });
    await tx.auditEvent.create({
      data: {
        actorId: admin, subjectUserId: alice, organizationId: acme, action: "connection_request.approve",
        targetType: "connection_request", targetId: approved.id, fromState: "pending", toState: "approved", createdAt: hoursAgo(48),
      },
    });
    await tx.connectionRequest.create({
      data: {
        organizationId: orgs.get("Northwind Stores")!, requestedById: users.get("bob@northwind.example"),
        supplierName: "Globex Supply", ...contact, requestDate: hoursAgo(5),
        integrations: { create: [{ type: "allocation", updateFrequency: "0 0 6 * * 1-5", position: 0 }] },
      },
    });
    await tx.connectionRequest.create({
      data: {
        organizationId: acme, requestedById: alice, supplierName: "Globex Supply", ...contact,
        retailerAccountNumber: "ACME-001", requestDate: hoursAgo(2),
        integrations: {
          create: [
            { type: "item", updateFrequency: "0 2 * * *", fileLocations: "sftp://files.globex.example/items/", position: 0 },
            { type: "order", updateFrequency: "*/30 * * * *", fileSpecs: "CSV, UTF-8, one order per line", position: 1 },
          ],
        },
      },
    });
    await tx.dataRequest.create({
      data: {
        userId: alice, dataTypes: ["profile", "organization"], createdAt: hoursAgo(1),
        expectedCompletion: new Date(Date.now() + 23 * 3_600_000),
      },
    });
  });
  return true;
}
