import { afterAll } from "vitest";
import { createTestDatabase } from "./test-database";

// Each test file gets its own migrated database, installed where lib/db/client.ts reads it.
const testDatabase = await createTestDatabase();
(globalThis as { __database?: unknown }).__database = testDatabase.database;

afterAll(async () => {
  await testDatabase.drop();
});
