/**
 * How a server process stops, in order, and whether it is stopping (/api/ready then answers 503).
 * Shared through globalThis by the server script and the Next.js bundle, which each load this
 * file: background jobs register their stop with `onShutdown`, the database its close with
 * `onClose`, and scripts/server.ts runs `shutdown` on SIGTERM.
 */
type Hook = () => Promise<void>;
const key = Symbol.for("crux-portal.lifecycle");
const holder = globalThis as { [key]?: { stopping: boolean; hooks: Hook[]; closers: Hook[] } };
const state = (holder[key] ??= { stopping: false, hooks: [], closers: [] });
state.closers ??= []; // a state made by an older copy of this file in the same process

/** A background job's stop: start nothing new, finish or give back the current work. */
export function onShutdown(hook: Hook) {
  state.hooks.push(hook);
}

/** A resource to close once every request and background job is done with it (the database). */
export function onClose(hook: Hook) {
  state.closers.push(hook);
}

export const isStopping = () => state.stopping;

export interface ShutdownSteps {
  /** How long /api/ready answers 503 before the listener closes, so load balancers stop sending. */
  delayMs: number;
  /** Closes the listener and lets requests in flight finish (bounded by the grace period). */
  drain: () => Promise<void>;
}

/**
 * The ordered stop: not ready, a pause for the load balancer, then the listener closes while
 * requests in flight finish and background jobs stop (side by side: each has the whole grace
 * period, so the total stays within what the orchestrator waits), and only when both are done
 * the database closes: a job's last writes (giving claims back) need it, and PGlite must close to
 * leave its folder cleanly shut down rather than in need of recovery.
 */
export async function shutdown(steps: ShutdownSteps): Promise<void> {
  state.stopping = true;
  if (steps.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, steps.delayMs));
  await Promise.all([steps.drain(), Promise.allSettled(state.hooks.map((hook) => hook()))]);
  await Promise.allSettled(state.closers.map((close) => close()));
}
