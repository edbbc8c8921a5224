import "server-only";
import { drainQueue, newWorkerId, sweepExpired } from "./worker";

const pollMs = 2_000;
const sweepEveryMs = 10 * 60_000;

/**
 * The in-process worker started with the app (instrumentation.ts). Every instance runs one; they
 * share the queue through row locks. Errors are logged and the loop goes on.
 */
export function startDataRequestWorker(): () => void {
  const workerId = newWorkerId();
  let stopped = false;
  let lastSweep = 0;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    try {
      await drainQueue(workerId);
      if (Date.now() - lastSweep > sweepEveryMs) {
        lastSweep = Date.now();
        await sweepExpired(new Date());
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
