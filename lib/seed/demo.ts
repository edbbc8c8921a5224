import type { Db } from "../db/connect";
import { hashPassword } from "../auth/password";
import { seedDemoConnections } from "./demo-connections";
import { DemoHistory } from "./demo-history";

import { demoAccounts, demoPassword } from "./demo-accounts";

export { demoAccounts, demoPassword };

export type DemoEmail = (typeof demoAccounts)[number]["email"];

const demoOrganizations = [
  { name: "Acme Retail", type: "retailer" },
  { name: "Northwind Stores", type: "retailer" },
  { name: "Globex Supply", type: "supplier" },
  { name: "Initech Wholesale", type: "supplier" },
] as const;

export type DemoOrganization = (typeof demoOrganizations)[number]["name"];

/**
 * Demo organizations, people, requests and connections with their histories, loaded into an
 * empty database only (lib/seed/demo-connections.ts tells what each shows).
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);

  await db.$transaction(async (tx) => {
    const orgs = new Map<DemoOrganization, string>();
    for (const org of demoOrganizations) {
      const created = await tx.organization.create({ data: { ...org, nameKey: org.name.toLowerCase() } });
      orgs.set(org.name, created.id);
    }
    const users = new Map<DemoEmail, string>();
    const owned = new Set<string>();
    for (const account of demoAccounts) {
      const { organization, ...person } = account;
      const organizationId = organization ? orgs.get(organization)! : null;
      // Each demo organization's first person owns it.
      const organizationRole = organizationId && !owned.has(organizationId) ? "owner" : "member";
      if (organizationId) owned.add(organizationId);
      const user = await tx.user.create({ data: { ...person, passwordHash, emailVerifiedAt: new Date(), organizationId, organizationRole } });
      users.set(account.email, user.id);
    }
    const history = new DemoHistory(new Date());
    await seedDemoConnections(tx, history, (name) => orgs.get(name)!, (email) => users.get(email)!);
    await history.write(tx);
  });
  return true;
}
