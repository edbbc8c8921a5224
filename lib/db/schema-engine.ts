import fs from "node:fs/promises";
import { createRequire } from "node:module";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma's WebAssembly schema engine. Prisma 7's CLI downloads a native engine, which cannot be
 * reached offline; the wasm build ships inside an npm package and migrates through the same
 * driver adapters the app uses, for PGlite and PostgreSQL alike.
 *
 * The package's entry point imports the .wasm as an ES module, which Node 20 cannot do, so the
 * module is instantiated here by hand, the way wasm-bindgen's own loader does.
 */
type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindingsPromise: Promise<Bindings> | undefined;

async function loadBindings(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const bytes = await fs.readFile(bgPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

/**
 * Runs `work` with a schema engine over `adapterFactory` and frees it afterwards. A database
 * error inside the engine surfaces only as "External error id#N"; the original is looked up so
 * that a failing migration says what went wrong.
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string } | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  bindingsPromise ??= loadBindings();
  const { SchemaEngine } = await bindingsPromise;
  const opened: SqlDriverAdapter[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory(tracking(adapterFactory, opened));
  const log = () => {}; // the engine's structured logs: nothing we surface
  const engine = await SchemaEngine.new(
    { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
    log,
    bound,
  );
  try {
    return await work(engine);
  } catch (error) {
    const id = /External error id#(\d+)/.exec(String((error as Error)?.message))?.[1];
    const original = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    if (original) {
      const detail = original instanceof Error ? original.message : JSON.stringify(original);
      throw new Error(`${(error as Error).message.split("\n")[0]}: ${detail}`, { cause: error });
    }
    throw error;
  } finally {
    engine.free();
    // The engine leaves its connections open, and with them its session advisory lock: the next
    // migration run would wait for the pool's idle timeout. Ending them releases the lock now.
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/** The factory, noting every connection the engine opens through it. */
function tracking(factory: SqlMigrationAwareDriverAdapterFactory, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
}
