import "server-only";
import { database } from "./db/client";

export async function checkDatabase(): Promise<{ ok: boolean; engine: "embedded" | "postgres" }> {
  const { engine, prisma } = database();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true, engine };
  } catch {
    return { ok: false, engine };
  }
}
