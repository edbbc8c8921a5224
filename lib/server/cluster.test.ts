import { describe, expect, it } from "vitest";
import { crashLoopPolicy, isCrashLoop } from "./cluster";

describe("the cluster's crash-loop policy", () => {
  const now = 1_000_000;
  const secondsAgo = (...seconds: number[]) => seconds.map((s) => now - s * 1000);

  it("gives up at 5 deaths within 60 s", () => {
    expect(crashLoopPolicy).toEqual({ deaths: 5, windowMs: 60_000 });
    expect(isCrashLoop(secondsAgo(50, 40, 30, 20, 0), now)).toBe(true);
  });

  it("keeps replacing processes below that", () => {
    expect(isCrashLoop(secondsAgo(30, 20, 10, 0), now)).toBe(false);
    // Five deaths, but spread over more than a minute: processes that die now and then are replaced.
    expect(isCrashLoop(secondsAgo(60, 40, 30, 20, 0), now)).toBe(false);
    expect(isCrashLoop(secondsAgo(300, 200, 100, 50, 0), now)).toBe(false);
  });

  it("follows a stricter policy when given one", () => {
    expect(isCrashLoop(secondsAgo(5, 0), now, { deaths: 2, windowMs: 10_000 })).toBe(true);
  });
});
