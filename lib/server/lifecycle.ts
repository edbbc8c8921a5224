/**
 * What a stopping process must finish before it exits (the data-request worker's current job),
 * and whether it is stopping (/api/ready then answers 503). Shared through globalThis by the
 * server script and the Next.js bundle, which each load this file.
 */
type Hook = () => Promise<void>;
const key = Symbol.for("crux-portal.lifecycle");
const holder = globalThis as { [key]?: { stopping: boolean; hooks: Hook[] } };
const state = (holder[key] ??= { stopping: false, hooks: [] });

export function onShutdown(hook: Hook) {
  state.hooks.push(hook);
}

export const isStopping = () => state.stopping;

/** Marks the process as stopping and runs every hook; each is given until the deadline. */
export async function runShutdownHooks(): Promise<void> {
  state.stopping = true;
  await Promise.allSettled(state.hooks.map((hook) => hook()));
}

export function markStopping() {
  state.stopping = true;
}
