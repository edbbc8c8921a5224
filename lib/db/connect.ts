import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client";
import { lockDataDir, unlockDataDir } from "./data-dir-lock";
import { statementName } from "./prepared-statements";

/** Columns that never leave the data layer unless a query asks for them by name. */
export const omittedColumns = {
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
  uploadedFile: { content: true },
  dataRequestArchive: { content: true },
  oAuthClient: { secretHash: true },
  oAuthAuthorizationCode: { codeHash: true },
  oAuthToken: { tokenHash: true },
} as const;

// Under load, transactions queue for a pooled connection (PGlite has exactly one): wait for it
// rather than fail the request after Prisma's default of two seconds.
const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

export type Db = PrismaClient<never, typeof omittedColumns>;

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseTarget =
  /** `directUrl`: the same database past any transaction pooler, for migrations (they take a session lock). */
  | { engine: "postgres"; url: string; directUrl?: string; poolSize?: number }
  | { engine: "embedded"; dataDir: string }
  /** An in-memory embedded database, for tests and migration authoring; `from`: a dump to start from. */
  | { engine: "memory"; from?: Blob };

export interface Database {
  engine: "postgres" | "embedded";
  prisma: Db;
  /** Resolves once the database answers; rejects with the reason it cannot be opened. */
  ready(): Promise<void>;
  /** The adapter factory the schema engine migrates through. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * Opens a database without waiting for it: queries wait until it is ready, so the one client of
 * the app can be created synchronously. Scripts await `ready()` to fail early and clearly.
 */
export function openDatabase(target: DatabaseTarget): Database {
  if (target.engine === "postgres") {
    // Behind a transaction pooler (a direct URL given for migrations) no statement is prepared.
    const queries = new WholeScriptPgAdapterFactory(target.url, target.poolSize ?? 10, !target.directUrl);
    const prisma = new PrismaClient({ adapter: queries, omit: omittedColumns, transactionOptions });
    // Prisma's schema engine serializes migrations with a session advisory lock and never unlocks
    // it: through PgBouncer's transaction pooling that lock stays on a server connection the
    // pooler hands to others, and the next deploy's migrations wait for it until they time out.
    const adapterFactory = target.directUrl ? new WholeScriptPgAdapterFactory(target.directUrl, 2) : queries;
    return {
      engine: "postgres",
      prisma,
      adapterFactory,
      ready: () => prisma.$connect(),
      // Ends the pool's connections: the adapter's dispose ends the pg.Pool it made.
      close: () => prisma.$disconnect(),
    };
  }

  const dataDir = target.engine === "embedded" ? path.resolve(target.dataDir) : undefined;
  if (dataDir) lockDataDir(dataDir);
  try {
    const pglite = new PGlite(dataDir ? path.join(dataDir, "pg") : "memory://", target.engine === "memory" && target.from ? { loadDataDir: target.from } : undefined);
    const adapterFactory = new AwaitingPGliteAdapterFactory(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory, omit: omittedColumns, transactionOptions });
    return {
      engine: "embedded",
      prisma,
      adapterFactory,
      ready: () => pglite.waitReady,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        if (dataDir) unlockDataDir(dataDir);
      },
    };
  } catch (error) {
    if (dataDir) unlockDataDir(dataDir);
    throw error;
  }
}

/**
 * @prisma/adapter-pg 7.10 runs a migration script by splitting it at every ";", which cuts a
 * function body (a dollar-quoted string) apart. This factory sends the script whole, in one
 * simple-protocol query on its own connection: PostgreSQL runs it as one implicit transaction, so
 * a failing migration also leaves nothing half-applied.
 */
class WholeScriptPgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly inner: PrismaPg;

  constructor(private readonly url: string, poolSize: number, prepareHotStatements = false) {
    this.inner = new PrismaPg(
      { connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 },
      // An undefined name leaves the statement unnamed, as pg sends it by default.
      prepareHotStatements ? { statementNameGenerator: (query) => statementName(query) as string } : undefined,
    );
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.wholeScripts(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.wholeScripts(await this.inner.connectToShadowDb());
  }

  private wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
    adapter.executeScript = async (script: string) => {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query(script);
      } finally {
        await client.end();
      }
    };
    return adapter;
  }
}

/**
 * pglite-prisma-adapter 0.7.2 does not await `exec` in `executeScript`, so a failing migration
 * would be recorded as applied. This factory awaits it and lets the error reach the engine.
 */
class AwaitingPGliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly inner: PrismaPGlite;

  constructor(private readonly pglite: PGlite) {
    this.inner = new PrismaPGlite(pglite);
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.awaitScripts(await this.inner.connect(), this.pglite);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await PGlite.create("memory://");
    return this.awaitScripts(await new PrismaPGlite(shadow).connect(), shadow);
  }

  private awaitScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
    adapter.executeScript = async (script: string) => {
      await pglite.exec(script);
    };
    return adapter;
  }
}
