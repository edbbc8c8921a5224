import "server-only";
import { database } from "../db/client";
import { env } from "../env";
import { fanOutEvents } from "../events/fanout";
import { claimSweep, sweepExpiredRows } from "../housekeeping/sweep";
import { sendDueEmails } from "../mail/outbox";
import { logger } from "../observability/logger";
import { registerQueueDepth } from "../observability/metrics";
import { onShutdown } from "../server/lifecycle";
import { sendDueWebhooks } from "../webhooks/deliver";
import { recordExpiryEvents } from "./expiry";
import { drainQueue, newWorkerId, releaseClaims } from "./worker";

const pollMs = 2_000;

/**
 * The in-process worker started with the app (instrumentation.ts). Every instance runs one; they
 * share the queue and the event outbox through row locks, and the housekeeping sweep (with the
 * data-request expiry notices) through a claim per interval. Errors are logged and the loop goes
 * on. On shutdown it starts nothing new, lets the current job finish within the grace period,
 * and otherwise gives the job back to the queue.
 */
export function startDataRequestWorker(): () => Promise<void> {
  const workerId = newWorkerId();
  const log = logger().child({ component: "worker", workerId });
  const sweepIntervalMs = env().SWEEP_INTERVAL_MINUTES * 60_000;
  // The claim is a write; asking once a minute at most keeps idle instances quiet.
  const claimEveryMs = Math.min(sweepIntervalMs, 60_000);
  let nextClaimAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const keepGoing = () => !stopped;

  const work = async () => {
    const built = await drainQueue(workerId, undefined, undefined, keepGoing);
    if (built) log.info({ built }, "data requests processed");
    let fannedOut = 0;
    for (let batch; keepGoing() && (batch = await fanOutEvents()) > 0; ) fannedOut += batch;
    if (fannedOut) log.info({ events: fannedOut }, "events fanned out");
    for (let batch; keepGoing() && (batch = await sendDueEmails()).sent + batch.failed > 0; ) log.info(batch, "e-mail batch");
    for (let batch; keepGoing() && (batch = await sendDueWebhooks()).delivered + batch.failed > 0; ) log.info(batch, "webhook batch");
    if (keepGoing() && Date.now() >= nextClaimAt) {
      nextClaimAt = Date.now() + claimEveryMs;
      if (await claimSweep(new Date(), sweepIntervalMs)) {
        const notices = await recordExpiryEvents();
        const deleted = Object.fromEntries(Object.entries(await sweepExpiredRows()).filter(([, count]) => count > 0));
        log.info({ component: "housekeeping", notices, deleted }, "housekeeping sweep");
      }
    }
  };
  const tick = () => {
    running = work()
      .catch((error: unknown) => log.error({ err: error }, "worker tick failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  timer = setTimeout(tick, 500);

  registerQueueDepth(async () => {
    const groups = await database().prisma.dataRequest.groupBy({ by: ["status"], where: { status: { in: ["queued", "processing"] } }, _count: { _all: true } });
    const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
    return { queued: count("queued"), processing: count("processing") };
  });

  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    const graceMs = env().SHUTDOWN_GRACE_SECONDS * 1000;
    const finished = await Promise.race([running.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref())]);
    if (finished) return log.info("worker stopped after its current work");
    const released = await releaseClaims(workerId);
    log.warn({ released }, "worker stopped mid-job: its requests are back in the queue");
  };
  onShutdown(stop);
  return stop;
}
