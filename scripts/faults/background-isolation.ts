/**
 * No tenant can stall the others' background work: with a slow SMTP relay, a password-reset
 * e-mail arrives, a data request completes and a healthy webhook is received as fast while
 * twenty dark webhook targets receive test events as without them (isolation-scenario.ts).
 * Generous bounds: this machine is shared, and the bench prints the exact figures side by side.
 */
import { runIsolationScenario } from "./isolation-scenario";
import { checks, freshTarget, prepare } from "./support";

const { check, finish } = checks("background isolation");
const port = 3700 + Math.floor(Math.random() * 200);
const run = async (tarpit: boolean) => {
  const target = await freshTarget();
  try {
    await prepare(target);
    return await runIsolationScenario(target, port, { tarpit });
  } finally {
    await target.dispose();
  }
};

const calm = await run(false);
const dark = await run(true);
console.table({ "no tarpit": calm, "20 dark endpoints": dark });
check(dark["tarpit connections"] > 0, "the dark endpoints were tried");
// The relay answers each SMTP step 5 s late: a mail takes about 20 s however the queues run.
for (const key of ["password-reset e-mail (s)", "data request ready (s)", "healthy webhook (s)"] as const) {
  check(dark[key] <= calm[key] * 1.5 + 15, `${key}: ${dark[key]} s with dark endpoints, ${calm[key]} s without`);
}
check(dark["data request ready (s)"] < 60 && dark["healthy webhook (s)"] < 60, "the data request and the healthy webhook within a minute, the relay notwithstanding");
process.exit(finish() ? 0 : 1);
