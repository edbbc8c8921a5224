/**
 * Operator command line:
 *   npm run cli -- user:create --email E --password P [--admin] [--first-name F] [--last-name L]
 *                              [--org NAME --org-type retailer|supplier [--org-role owner|member]]
 *   npm run cli -- org:create --name NAME --type retailer|supplier [--account-number N]
 *   npm run cli -- user:update --email E [--role member|admin] [--status active|disabled] [--org-role owner|member]
 *   npm run cli -- events:parked                 events whose fan-out failed too often, with their errors
 *   npm run cli -- events:retry --id EVENT_ID    fans a parked event out again
 * Works on the embedded database while the app is stopped, and on PostgreSQL at any time.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { DataDirInUseError } from "../lib/db/data-dir-lock";
import { describeDatabase, openDatabaseFromEnv } from "../lib/db/open-from-env";
import { prepareDatabase } from "../lib/db/prepare";
import { EnvError } from "../lib/env";
import { listParkedEvents, retryParkedEvent } from "../lib/events/parked";
import { AppError } from "../lib/http/errors";
import { accountChangeSchema } from "../lib/schemas/users";
import { setOrganizationRole } from "../lib/teams/roles";
import { changeAccount, createAccount, createOrganization } from "../lib/users/accounts";

const usage = `usage:
  npm run cli -- user:create --email E --password P [--admin] [--first-name F] [--last-name L] [--org NAME --org-type retailer|supplier [--org-role owner|member]]
  npm run cli -- org:create --name NAME --type retailer|supplier [--account-number N]
  npm run cli -- user:update --email E [--role member|admin] [--status active|disabled] [--org-role owner|member]   (signs the person out everywhere)
  npm run cli -- events:parked
  npm run cli -- events:retry --id EVENT_ID`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: "string" },
    password: { type: "string" },
    admin: { type: "boolean", default: false },
    "first-name": { type: "string" },
    "last-name": { type: "string" },
    org: { type: "string" },
    "org-type": { type: "string" },
    name: { type: "string" },
    type: { type: "string" },
    "account-number": { type: "string" },
    role: { type: "string" },
    "org-role": { type: "string" },
    status: { type: "string" },
    id: { type: "string" },
  },
  strict: true,
});

async function run() {
  if (!["user:create", "org:create", "user:update", "events:parked", "events:retry"].includes(command ?? "")) throw new UsageError(usage);
  const database = openDatabaseFromEnv({ poolSize: 2 });
  try {
    // A fresh database is made usable first; demo data is only for `npm start`.
    await prepareDatabase(database, { seedDemo: false });
    if (command === "user:create") {
      const account = await createAccount(
        database.prisma,
        {
          email: values.email ?? "",
          password: values.password ?? "",
          firstName: values["first-name"],
          lastName: values["last-name"],
          role: values.admin ? "admin" : "member",
          organizationName: values.org,
          organizationType: values["org-type"] as "retailer" | "supplier" | undefined,
          organizationRole: values["org-role"] as "owner" | "member" | undefined,
        },
        { joinExisting: true },
      );
      const org = account.organization ? ` in ${account.organization.name} (${account.organization.type}, ${account.organizationRole})` : "";
      console.log(`Created ${account.role} ${account.email}${org} on ${describeDatabase()}.`);
    } else if (command === "events:parked") {
      const parked = await listParkedEvents(database.prisma);
      if (parked.length === 0) console.log("No parked events.");
      for (const event of parked) console.log(`${event.id}  ${event.type}  parked ${event.parkedAt!.toISOString()} after ${event.fanoutAttempts} attempts: ${event.fanoutError}`);
    } else if (command === "events:retry") {
      const id = z.uuid({ error: "--id must be an event id" }).parse(values.id);
      if (!(await retryParkedEvent(database.prisma, id))) throw new UsageError(`No parked event ${id}.`);
      console.log(`Event ${id} will be fanned out again.`);
    } else if (command === "user:update") {
      const { organizationRole, ...change } = accountChangeSchema.parse({ role: values.role, status: values.status, organizationRole: values["org-role"] });
      if (organizationRole) {
        const member = await setOrganizationRole(database.prisma, values.email ?? "", organizationRole);
        console.log(`${member.email} is ${member.changed ? "now" : "already"} ${organizationRole === "owner" ? "an owner" : "a member"} of ${member.organization}.`);
      }
      if (change.role || change.status) {
        const account = await changeAccount(database.prisma, values.email ?? "", change);
        console.log(`Updated ${account.email}: ${account.role}, ${account.status}; their sessions were signed out.`);
      }
    } else {
      const org = await createOrganization(database.prisma, {
        name: values.name ?? "",
        type: values.type ?? "",
        accountNumber: values["account-number"],
      });
      console.log(`Created ${org.type} organization "${org.name}" (${org.id}) on ${describeDatabase()}.`);
    }
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

run()
  .then(() => process.exit(0)) // the wasm schema engine keeps timers alive for a few seconds
  .catch((error: unknown) => {
    if (error instanceof z.ZodError) {
      console.error(error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n"));
    } else if (error instanceof UsageError || error instanceof AppError || error instanceof DataDirInUseError || error instanceof EnvError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
