/**
 * No tenant can stall the others' background work: behind an SMTP relay that answers every step
 * 5 s late, while twenty dark webhook targets receive test events, a password-reset e-mail
 * arrives, a data request completes and a healthy endpoint's webhook is received within bounds
 * that a stalled queue would blow (isolation-scenario.ts). The bounds are generous, as this
 * machine is shared; `npm run bench -- --only isolation` prints the figures beside a run without
 * the dark targets.
 */
import { runIsolationScenario } from "./isolation-scenario";
import { checks, freshTarget, prepare } from "./support";

const { check, finish } = checks("background isolation");
const port = 3700 + Math.floor(Math.random() * 200);
const target = await freshTarget();
let figures;
try {
  await prepare(target);
  figures = await runIsolationScenario(target, port, { tarpit: true });
} finally {
  await target.dispose();
}
console.table({ "20 dark endpoints": figures });
check(figures["tarpit connections"] > 0, "the dark endpoints were tried");
// Without them: about 35 s for the mail (the relay's four late answers and nodemailer's own
// steps), 10 s for the data request (signing in and filing it in a browser included), under 1 s
// for the webhook. One dark target holding the old single loop would add 10 s per delivery.
check(figures["password-reset e-mail (s)"] < 75, `the password-reset e-mail in ${figures["password-reset e-mail (s)"]} s`);
check(figures["data request ready (s)"] < 40, `the data request in ${figures["data request ready (s)"]} s`);
check(figures["healthy webhook (s)"] < 15, `the healthy webhook in ${figures["healthy webhook (s)"]} s`);
process.exit(finish() ? 0 : 1);
