import "server-only";
import type { Db, Tx } from "./connect";
import { database } from "./handle";

/** The Prisma client. A Proxy so that importing it opens nothing until a query runs. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = database().prisma;
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export { database };
export type { Db, Tx };
