import "server-only";
import { database } from "../db/client";
import { recordExpiryEvents } from "../data-requests/expiry";
import { claimNextRequest, newWorkerId, processRequest, releaseClaims } from "../data-requests/worker";
import { env } from "../env";
import { fanOutEvents } from "../events/fanout";
import { claimSweep, sweep } from "../housekeeping/sweep";
import { mailQueue } from "../mail/outbox";
import { logger } from "../observability/logger";
import { registerQueueDepth } from "../observability/metrics";
import { onShutdown } from "../server/lifecycle";
import { WebhookDispatcher } from "../webhooks/deliver";
import { startScheduler, type Job } from "./scheduler";

/**
 * The background work of every instance, as five queues that never wait on one another: data
 * exports, event fan-out, e-mail, webhooks and housekeeping (lib/jobs/scheduler.ts runs each in a
 * loop of its own). Instances share every queue through row claims (SKIP LOCKED and leases), and
 * the housekeeping sweep through a claim per interval. On shutdown nothing new starts; what runs
 * gets SHUTDOWN_GRACE_SECONDS, then its claims go back to the queues.
 */
export function startBackgroundJobs(): () => Promise<void> {
  const workerId = newWorkerId();
  const log = logger().child({ component: "worker", workerId });
  const webhooks = new WebhookDispatcher(env().WEBHOOK_CONCURRENCY);
  const mail = mailQueue();
  const sweepIntervalMs = env().SWEEP_INTERVAL_MINUTES * 60_000;
  let sweepUnfinished = false;

  const jobs: Job[] = [
    {
      name: "exports",
      idleMs: 2_000,
      async run(keepGoing) {
        let built = 0;
        while (keepGoing()) {
          const claimed = await claimNextRequest(workerId, new Date());
          if (!claimed) break;
          // A claim that came back after the stop began is given back, not started.
          if (!keepGoing()) {
            await releaseClaims(workerId);
            break;
          }
          await processRequest(workerId, claimed, new Date());
          built++;
        }
        if (built) log.info({ built }, "data requests processed");
        return built;
      },
      release: () => releaseClaims(workerId),
    },
    {
      name: "fanout",
      idleMs: 1_000,
      async run(keepGoing) {
        const pass = await fanOutEvents(new Date(), { keepGoing });
        if (pass.fannedOut || pass.failed) log.info(pass, "events fanned out");
        if (pass.parked) log.error({ parked: pass.parked }, "events parked after repeated fan-out failures");
        return pass.fannedOut;
      },
    },
    {
      name: "mail",
      idleMs: 1_000,
      async run(keepGoing) {
        const pass = await mail.pass(new Date(), keepGoing);
        if (pass.sent || pass.failed) log.info(pass, "e-mail batch");
        return pass.sent + pass.failed;
      },
      release: () => mail.release(),
    },
    {
      name: "webhooks",
      idleMs: 500,
      async run(keepGoing) {
        const started = await webhooks.dispatch(new Date(), keepGoing);
        const counts = webhooks.takeCounts();
        if (counts.delivered || counts.failed) log.info(counts, "webhook outcomes");
        return started;
      },
      settle: (ms) => webhooks.settle(ms),
      release: () => webhooks.release(),
    },
    {
      // The claim is a write; asking once a minute at most keeps idle instances quiet. A sweep
      // that ran out of time goes on in the next passes, a minute apart, without claiming again.
      name: "housekeeping",
      idleMs: Math.min(sweepIntervalMs, 60_000),
      passMs: 60_000,
      async run(keepGoing) {
        if (!sweepUnfinished) {
          if (!(await claimSweep(new Date(), sweepIntervalMs))) return 0;
          const notices = await recordExpiryEvents();
          if (notices) log.info({ component: "housekeeping", notices }, "data-request expiry notices");
        }
        const report = await sweep(new Date(), undefined, keepGoing, (target, error) => log.error({ component: "housekeeping", target, err: error }, "housekeeping target failed"));
        sweepUnfinished = !report.finished;
        const deleted = Object.fromEntries(Object.entries(report.deleted).filter(([, count]) => count > 0));
        log.info({ component: "housekeeping", deleted, finished: report.finished }, "housekeeping sweep");
        return 0; // one sweep per interval, whatever it found
      },
    },
  ];
  const scheduler = startScheduler(jobs, { passMs: 5_000, busyMs: 20, startDelayMs: 500, log });

  registerQueueDepth(async () => {
    const groups = await database().prisma.dataRequest.groupBy({ by: ["status"], where: { status: { in: ["queued", "processing"] } }, _count: { _all: true } });
    const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
    return { queued: count("queued"), processing: count("processing") };
  });

  const stop = () => scheduler.stop(env().SHUTDOWN_GRACE_SECONDS * 1000);
  onShutdown(stop);
  return stop;
}
