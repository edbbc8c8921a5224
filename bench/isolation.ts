/**
 * Background work no tenant can stall (scripts/faults/isolation-scenario.ts), side by side: with a
 * slow SMTP relay, how long a password-reset e-mail, a data request and a healthy webhook take
 * with no dark webhook target, and with twenty receiving test events the whole time.
 */
import { runIsolationScenario } from "../scripts/faults/isolation-scenario";
import { freshTarget, prepare } from "../scripts/faults/support";

export async function measureIsolation(serverUrl: string, port: number) {
  const rows: Record<string, unknown>[] = [];
  for (const [label, tarpit] of [["no tarpit", false], ["20 dark endpoints receiving test events", true]] as const) {
    // A fresh database of the bench's server for each run: nothing left over from the other.
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = serverUrl;
    const target = await freshTarget();
    if (previous === undefined) delete process.env.DATABASE_URL; // assigning undefined would store "undefined"
    else process.env.DATABASE_URL = previous;
    try {
      await prepare(target);
      rows.push({ "with a slow SMTP relay (5 s per answer)": label, ...(await runIsolationScenario(target, port, { tarpit })) });
    } finally {
      await target.dispose();
    }
  }
  return rows;
}
