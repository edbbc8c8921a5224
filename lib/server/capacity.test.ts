import { describe, expect, it } from "vitest";
import { availableCpus, cgroupCpus, connectionsPerProcess, describeCapacity, serverProcesses } from "./capacity";

const files = (entries: Record<string, string>) => (path: string) => entries[path];

describe("the CPUs a process may use", () => {
  it("reads cgroup v2's cpu.max: quota over period, rounded down, at least 1", () => {
    expect(cgroupCpus(files({ "/sys/fs/cgroup/cpu.max": "200000 100000\n" }))).toBe(2);
    expect(cgroupCpus(files({ "/sys/fs/cgroup/cpu.max": "150000 100000\n" }))).toBe(1);
    expect(cgroupCpus(files({ "/sys/fs/cgroup/cpu.max": "50000 100000\n" }))).toBe(1);
    expect(cgroupCpus(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeUndefined();
  });

  it("reads cgroup v1's cfs quota and period; -1 is no quota", () => {
    const v1 = (quota: string) => files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": `${quota}\n`, "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" });
    expect(cgroupCpus(v1("400000"))).toBe(4);
    expect(cgroupCpus(v1("-1"))).toBeUndefined();
    expect(cgroupCpus(files({ "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "300000", "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000" }))).toBe(3);
  });

  it("is the smaller of the cores and the quota; the cores without a cgroup", () => {
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "200000 100000" }), 32)).toBe(2);
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "800000 100000" }), 4)).toBe(4);
    expect(availableCpus(files({}), 6)).toBe(6);
  });
});

describe("processes and connections", () => {
  it("runs WEB_CONCURRENCY processes, else one per available CPU, and one in dev or on the embedded engine", () => {
    expect(serverProcesses({ dev: false, embedded: false, webConcurrency: 3, cpus: () => 8 })).toBe(3);
    expect(serverProcesses({ dev: false, embedded: false, cpus: () => 2 })).toBe(2);
    expect(serverProcesses({ dev: false, embedded: true, webConcurrency: 4, cpus: () => 8 })).toBe(1);
    expect(serverProcesses({ dev: true, embedded: false, cpus: () => 8 })).toBe(1);
  });

  it("shares DATABASE_POOL_MAX out among the processes, never below one each", () => {
    expect(connectionsPerProcess(10, 1)).toBe(10);
    expect(connectionsPerProcess(10, 3)).toBe(3);
    expect(connectionsPerProcess(10, 4)).toBe(2);
    expect(connectionsPerProcess(2, 8)).toBe(1);
  });

  it("says it in one line", () => {
    expect(describeCapacity(2, 5)).toBe("2 processes × 5 connections");
    expect(describeCapacity(1, 1)).toBe("1 process × 1 connection");
  });
});
