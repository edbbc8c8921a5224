import { describe, expect, it } from "vitest";
import { describeDataRequest } from "./view";

const row = {
  id: "r1",
  dataTypes: ["profile"],
  createdAt: new Date("2026-11-01T10:00:00Z"),
  expectedCompletion: new Date("2026-11-02T10:00:00Z"),
  completedAt: null,
  expiresAt: null,
};

describe("the status page's words for a data request", () => {
  it("say that a failed request failed, after how many attempts, and what can be done", () => {
    const view = describeDataRequest({ ...row, status: "failed", attempts: 5, failedAt: new Date("2026-11-01T12:34:00Z") }, new Map([["profile", "Profile"]]));
    expect(view.state).toBe("failed");
    expect(view.timing).toBe(
      "We could not build this copy: all 5 attempts failed, the last on 2026-11-01 12:34 UTC. Admins see it in their queue and can retry it; you can also cancel it and file a new request.",
    );
    expect(view.cancellable).toBe(true);
  });
});
