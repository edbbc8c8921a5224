import { describe, expect, it } from "vitest";
import { isStopping, onClose, onShutdown, shutdown } from "./lifecycle";

describe("shutdown", () => {
  it("is not ready through the delay, then drains and stops jobs, and closes the database last", async () => {
    const steps: string[] = [];
    const later = (ms: number, step: string) => () => new Promise<void>((resolve) => setTimeout(() => (steps.push(step), resolve()), ms));
    onShutdown(later(40, "job stopped"));
    onClose(async () => {
      steps.push("database closed");
    });
    const started = Date.now();
    const done = shutdown({
      delayMs: 60,
      drain: async () => {
        steps.push(`listener closed after ${Date.now() - started >= 55 ? "the delay" : "no delay"}`);
        await later(10, "requests drained")();
      },
    });
    expect(isStopping()).toBe(true);
    await done;
    expect(steps).toEqual(["listener closed after the delay", "requests drained", "job stopped", "database closed"]);
  });
});
