/**
 * Creates or drops a throw-away database on a local PostgreSQL server, for test runs:
 *   test-database.ts create <server-url>          prints the new database's URL
 *   test-database.ts drop <server-url> <db-url>
 */
import crypto from "node:crypto";
import pg from "pg";

const [command, serverUrl, databaseUrl] = process.argv.slice(2);
const server = new URL(serverUrl ?? "");
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(server.hostname)) {
  console.error(`Refusing to create test databases on a non-local server (${server.hostname}).`);
  process.exit(1);
}

const client = new pg.Client({ connectionString: server.toString() });
await client.connect();
try {
  if (command === "create") {
    const name = `e2e_${crypto.randomBytes(6).toString("hex")}`;
    await client.query(`CREATE DATABASE "${name}"`);
    server.pathname = `/${name}`;
    console.log(server.toString());
  } else if (command === "drop" && databaseUrl) {
    const name = new URL(databaseUrl).pathname.slice(1);
    if (!/^e2e_[0-9a-f]{12}$/.test(name)) throw new Error(`Not a test database: ${name}`);
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    throw new Error("usage: test-database.ts create <server-url> | drop <server-url> <db-url>");
  }
} finally {
  await client.end();
}
