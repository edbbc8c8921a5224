import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { startScheduler, type Job } from "./scheduler";

const log = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the background scheduler", () => {
  it("runs each queue in a loop of its own: one that hangs never holds another", async () => {
    let quickPasses = 0;
    const hung: Job = { name: "hung", idleMs: 10, run: () => new Promise<number>(() => undefined) };
    const quick: Job = {
      name: "quick",
      idleMs: 10,
      run: async () => {
        quickPasses++;
        return 0;
      },
    };
    const scheduler = startScheduler([hung, quick], { passMs: 1_000, busyMs: 1, startDelayMs: 0, log });
    // Waits for passes rather than a fixed time: a loaded machine runs fewer in 300 ms. Were the
    // loops shared, the hung pass would keep the quick queue at none, however long this waited.
    await vi.waitFor(() => expect(quickPasses).toBeGreaterThan(5), { timeout: 10_000, interval: 20 });
    await scheduler.stop(50);
  });

  it("bounds a pass by time, keeps going after a failed pass, and on stop waits for the grace period, then releases", async () => {
    const events: string[] = [];
    let passes = 0;
    const busy: Job = {
      name: "busy",
      idleMs: 10,
      async run(keepGoing) {
        passes++;
        if (passes === 1) throw new Error("a bad pass");
        let items = 0;
        while (keepGoing()) {
          await sleep(5);
          items++;
        }
        return items;
      },
      settle: async () => {
        events.push("settled");
      },
      release: async () => {
        events.push("released");
        return 1;
      },
    };
    const scheduler = startScheduler([busy], { passMs: 40, busyMs: 1, startDelayMs: 0, log });
    // Each pass ends after 40 ms although there is always more: passes follow one another.
    await vi.waitFor(() => expect(passes).toBeGreaterThan(2), { timeout: 10_000, interval: 20 });
    await scheduler.stop(1_000);
    const after = passes;
    await sleep(100);
    expect(passes).toBe(after); // nothing new once stopped
    expect(events).toEqual(["settled", "released"]);
  });
});
