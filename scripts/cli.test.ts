import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/connect";

const root = path.resolve(import.meta.dirname, "..");

function cli(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL; // these tests are about the embedded folder
  return spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/cli.ts"), ...args], {
    cwd: root,
    env,
    encoding: "utf8",
  });
}

describe("operator CLI on the embedded database", () => {
  it("creates organizations and people, joining an organization that exists", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    const org = cli(dataDir, "org:create", "--name", "Cli Retail", "--type", "retailer");
    expect(org.stderr).toBe("");
    expect(org.stdout).toMatch(/Created retailer organization "Cli Retail"/);

    const user = cli(dataDir, "user:create", "--email", "Op@Example.com", "--password", "operator password", "--org", "cli retail", "--org-type", "retailer");
    expect(user.status).toBe(0);
    // The organization had nobody yet: its first member owns it; the next one is a member.
    expect(user.stdout).toMatch(/Created member op@example.com in Cli Retail \(retailer, owner\)/);
    const colleague = cli(dataDir, "user:create", "--email", "col@example.com", "--password", "operator password", "--org", "Cli Retail", "--org-type", "retailer");
    expect(colleague.stdout).toMatch(/Created member col@example.com in Cli Retail \(retailer, member\)/);
    const lastOwner = cli(dataDir, "user:update", "--email", "op@example.com", "--org-role", "member");
    expect(lastOwner.status).toBe(1);
    expect(lastOwner.stderr).toMatch(/at least one owner/);
    expect(cli(dataDir, "user:update", "--email", "col@example.com", "--org-role", "owner").stdout).toMatch(/col@example.com is now an owner of Cli Retail/);

    const admin = cli(dataDir, "user:create", "--email", "root@example.com", "--password", "operator password", "--admin");
    expect(admin.stdout).toMatch(/Created admin root@example.com/);
  }, 120_000); // six runs of the CLI, each opening the folder

  it("says what is wrong with bad input", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    const result = cli(dataDir, "user:create", "--email", "not-an-email", "--password", "short");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/email: Enter a valid e-mail address/);
    expect(result.stderr).toMatch(/password: Use at least 12 characters/);
    expect(cli(dataDir, "nonsense").stderr).toMatch(/usage:/);
  });

  it("refuses clearly, and changes nothing, while another process owns the folder", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    expect(cli(dataDir, "org:create", "--name", "First", "--type", "supplier").status).toBe(0);

    const owner = openDatabase({ engine: "embedded", dataDir });
    try {
      await owner.ready();
      const refused = cli(dataDir, "user:create", "--email", "late@example.com", "--password", "operator password");
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`in use by process ${process.pid}`);
      expect(await owner.prisma.user.count()).toBe(0);
    } finally {
      await owner.close();
    }
    expect(cli(dataDir, "user:create", "--email", "late@example.com", "--password", "operator password").status).toBe(0);
  });

  it("lists events parked after failed fan-outs and puts one back", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    expect(cli(dataDir, "events:parked").stdout).toMatch(/No parked events\./);
    const database = openDatabase({ engine: "embedded", dataDir });
    const event = await database.prisma.event.create({ data: { type: "connection_request.approved", parkedAt: new Date(), fanoutAttempts: 5, fanoutError: "boom" } });
    await database.close();

    const listed = cli(dataDir, "events:parked");
    expect(listed.stdout).toContain(`${event.id}  connection_request.approved`);
    expect(listed.stdout).toContain("after 5 attempts: boom");
    expect(cli(dataDir, "events:retry", "--id", event.id).stdout).toMatch(/will be fanned out again/);
    const again = openDatabase({ engine: "embedded", dataDir });
    expect(await again.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ parkedAt: null, fanoutAttempts: 0 });
    await again.close();
    const missing = cli(dataDir, "events:retry", "--id", event.id);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("No parked event");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000); // four runs of the CLI, each opening the folder
});
