import "server-only";
import { env } from "../env";
import { fanOutEvents } from "../events/fanout";
import { claimSweep, sweepExpiredRows } from "../housekeeping/sweep";
import { sendDueEmails } from "../mail/outbox";
import { sendDueWebhooks } from "../webhooks/deliver";
import { recordExpiryEvents } from "./expiry";
import { drainQueue, newWorkerId } from "./worker";

const pollMs = 2_000;

/**
 * The in-process worker started with the app (instrumentation.ts). Every instance runs one; they
 * share the queue and the event outbox through row locks, and the housekeeping sweep (with the
 * data-request expiry notices) through a claim per interval.
 * Errors are logged and the loop goes on.
 */
export function startDataRequestWorker(): () => void {
  const workerId = newWorkerId();
  const sweepIntervalMs = env().SWEEP_INTERVAL_MINUTES * 60_000;
  // The claim is a write; asking once a minute at most keeps idle instances quiet.
  const claimEveryMs = Math.min(sweepIntervalMs, 60_000);
  let nextClaimAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    try {
      await drainQueue(workerId);
      while ((await fanOutEvents()) > 0);
      while ((await sendDueEmails()).sent > 0);
      while ((await sendDueWebhooks()).delivered > 0);
      if (Date.now() >= nextClaimAt) {
        nextClaimAt = Date.now() + claimEveryMs;
        if (await claimSweep(new Date(), sweepIntervalMs)) {
          const notices = await recordExpiryEvents();
          if (notices.expiring + notices.expired > 0) console.log("housekeeping: expiry notices", notices);
          const deleted = Object.entries(await sweepExpiredRows()).filter(([, count]) => count > 0);
          if (deleted.length) console.log("housekeeping: deleted", Object.fromEntries(deleted));
        }
      }
    } catch (error) {
      console.error("data-request worker:", (error as Error).message);
    } finally {
      if (!stopped) timer = setTimeout(tick, pollMs);
    }
  };
  timer = setTimeout(tick, 500);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
