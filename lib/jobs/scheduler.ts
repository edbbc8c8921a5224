import type { Logger } from "pino";

/** One queue of background work, run by its own loop: no queue ever waits on another. */
export interface Job {
  name: string;
  /** Pause after a pass that found nothing to do. */
  idleMs: number;
  /** How long one of its passes may keep taking new work, when not the scheduler's passMs. */
  passMs?: number;
  /**
   * One pass: does what is due, but starts nothing new once `keepGoing()` is false (the pass's
   * time is up, or the process is stopping). Returns how much it did (0: idle).
   */
  run(keepGoing: () => boolean): Promise<number>;
  /** Waits, at most `ms`, for work a pass started and did not wait for (webhook sends in flight). */
  settle?(ms: number): Promise<void>;
  /** Gives back to its queue what this process still holds once it has stopped waiting. */
  release?(): Promise<number>;
}

/** How long a stopping scheduler waits, after releasing, for passes to give back a claim in flight. */
const settleAfterReleaseMs = 2_000;

export interface SchedulerOptions {
  /** How long one pass may keep taking new work: passes are bounded by time, never "until empty". */
  passMs: number;
  /** Pause between two passes that both found work, so a busy queue still yields the event loop. */
  busyMs: number;
  /** First pass of each job after start. */
  startDelayMs: number;
  log: Logger;
}

export interface Scheduler {
  /** Starts nothing new, waits for what runs at most `graceMs`, then gives back what is held. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Runs each job in a loop of its own: a pass, then a short pause when it found work or its idle
 * pause when it did not. A failing pass is logged and its job goes on; a slow one delays only its
 * own queue.
 */
export function startScheduler(jobs: Job[], options: SchedulerOptions): Scheduler {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  const schedule = (job: Job, delayMs: number) => {
    if (stopped) return;
    timers.set(job.name, setTimeout(() => pass(job), delayMs));
  };
  const pass = (job: Job) => {
    const endsAt = Date.now() + (job.passMs ?? options.passMs);
    const keepGoing = () => !stopped && Date.now() < endsAt;
    let didWork = 0;
    const current = job
      .run(keepGoing)
      .then((done) => {
        didWork = done;
      })
      .catch((error: unknown) => options.log.error({ err: error, job: job.name }, "background pass failed"))
      .finally(() => {
        running.delete(job.name);
        schedule(job, didWork > 0 ? options.busyMs : job.idleMs);
      });
    running.set(job.name, current);
  };
  for (const job of jobs) schedule(job, options.startDelayMs);

  return {
    async stop(graceMs) {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      const deadline = Date.now() + graceMs;
      const passes = Promise.allSettled([...running.values()]);
      await Promise.race([passes, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      await Promise.allSettled(jobs.map((job) => job.settle?.(Math.max(0, deadline - Date.now()))));
      const released = await Promise.all(jobs.map(async (job) => [job.name, (await job.release?.().catch(() => 0)) ?? 0] as const));
      // A pass may have had a claim in flight when its queue was released: it gives that claim
      // back itself once the claim returns (keepGoing is false now), so it gets a moment for that.
      await Promise.race([Promise.allSettled([...running.values()]), new Promise((resolve) => setTimeout(resolve, settleAfterReleaseMs).unref())]);
      const held = Object.fromEntries(released.filter(([, count]) => count > 0));
      if (Object.keys(held).length > 0) options.log.warn({ released: held }, "background jobs stopped mid-work: their claims are back in the queues");
      else options.log.info("background jobs stopped");
    },
  };
}
