import fs from "node:fs";
import os from "node:os";

/**
 * How many server processes an instance runs and how many database connections each may open.
 * A container limited to 2 CPUs on a 32-core host still sees 32 cores in os.availableParallelism();
 * its cgroup's CPU quota is the real limit, and 32 processes would only fight over 2 CPUs.
 */

type ReadFile = (path: string) => string | undefined;

const readIfPresent: ReadFile = (path) => {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * Whole CPUs a cgroup quota allows (at least 1), or undefined without a quota. cgroup v2's
 * cpu.max is "<quota> <period>" or "max <period>"; v1 has cpu.cfs_quota_us (-1: none) and
 * cpu.cfs_period_us. A fraction rounds down, as Go's automaxprocs does: 1.5 CPUs run one process.
 */
export function cgroupCpus(read: ReadFile = readIfPresent): number | undefined {
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/);
  if (v2) return v2[0] === "max" ? undefined : quotaCpus(Number(v2[0]), Number(v2[1] ?? 100_000));
  const quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us") ?? read("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us");
  const period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us") ?? read("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us");
  return quota === undefined ? undefined : quotaCpus(Number(quota.trim()), Number(period?.trim() ?? 100_000));
}

function quotaCpus(quota: number, period: number): number | undefined {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return undefined;
  return Math.max(1, Math.floor(quota / period));
}

/** The CPUs this process may use: the cores it is scheduled on, capped by its cgroup's quota. */
export function availableCpus(read: ReadFile = readIfPresent, cores = os.availableParallelism()): number {
  return Math.min(cores, cgroupCpus(read) ?? cores);
}

/**
 * Server processes to run: WEB_CONCURRENCY when set, else one per available CPU. One in
 * development, and one on the embedded database, which has a single owner.
 */
export function serverProcesses(options: { dev: boolean; embedded: boolean; webConcurrency?: number; cpus?: () => number }): number {
  if (options.dev || options.embedded) return 1;
  return options.webConcurrency ?? (options.cpus ?? availableCpus)();
}

/**
 * Each process's share of DATABASE_POOL_MAX, the instance's connection budget: the worker runs
 * inside every server process and draws from that process's pool, so it needs no share of its own.
 * Never zero: a process with no connection could not serve at all.
 */
export function connectionsPerProcess(budget: number, processes: number): number {
  return Math.max(1, Math.floor(budget / processes));
}

export function describeCapacity(processes: number, connections: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
  return `${plural(processes, "process")} × ${plural(connections, "connection")}`;
}
