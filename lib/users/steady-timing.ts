import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `work` and answers no sooner than `floorMs` after starting. Where one branch writes more
 * than another (an account made, a link issued, or only a note queued), the answer's timing then
 * tells nothing about which branch ran, as long as the floor is above the slowest branch.
 */
export async function withSteadyTiming<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
