import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bearerFor, person, validRequest } from "@/tests/support/fixtures";
import { createDataRequest, listDataRequests } from "./requests";
import { claimNextRequest, crashedWorkerError, drainQueue, leaseMs, maxAttempts, processRequest } from "./worker";
import { sweepExpiredRows } from "../housekeeping/sweep";

const allTypes = ["profile", "organization", "connection_requests", "uploaded_files", "api_tokens", "oauth_authorizations", "activity"];

async function archiveOf(requestId: string) {
  const archive = await db.dataRequestArchive.findUniqueOrThrow({ where: { dataRequestId: requestId }, omit: { content: false } });
  return unzipSync(archive.content);
}

describe("data request fulfilment", () => {
  it("builds a ZIP of exactly the requested types with a README", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile", "api_tokens"]);
    await drainQueue("w1");
    const files = await archiveOf(requestId);
    expect(Object.keys(files).sort()).toEqual(["README.txt", "api_tokens.json", "profile.json"]);
    expect(strFromU8(files["README.txt"]!)).toContain("- profile.json");
    expect(JSON.parse(strFromU8(files["profile.json"]!))).toMatchObject({ id: who.id, email: who.email });
  });

  it("holds only the person's own data and never a secret", async () => {
    const [who, other] = [await person(), await person()];
    await bearerFor(who.id);
    for (const owner of [who, other]) {
      await db.connectionRequest.create({
        data: { organizationId: owner.organizationId!, requestedById: owner.id, supplierName: `Supplier of ${owner.email}`, contactFullName: validRequest.primary_contact_name },
      });
      await db.uploadedFile.create({
        data: { organizationId: owner.organizationId!, uploadedById: owner.id, name: "../x.csv", contentType: "text/plain", size: 5, sha256: "0", content: new TextEncoder().encode(`of ${owner.id}`) },
      });
    }
    const { requestId } = await createDataRequest(who.id, allTypes);
    await drainQueue("w1");
    const files = await archiveOf(requestId);
    const everything = Object.values(files).map((bytes) => strFromU8(bytes)).join("\n");
    expect(everything).toContain(`Supplier of ${who.email}`);
    expect(everything).toContain(`of ${who.id}`);
    expect(everything).not.toContain(other.id);
    expect(everything).not.toContain(other.email);
    expect(everything).not.toMatch(/\$argon2|passwordHash|tokenHash|secretHash|codeHash/);
    expect(everything).not.toContain(who.token);
    expect(Object.keys(files).some((path) => path.startsWith("uploaded_files/") && path.endsWith("_x.csv"))).toBe(true);
    expect(JSON.parse(strFromU8(files["oauth_authorizations.json"]!))).toHaveLength(1);
  });

  it("completes and stores the archive together, exactly once", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    const now = new Date();
    const claimed = (await claimNextRequest("w1", now))!;
    expect(claimed.id).toBe(requestId);
    expect(await claimNextRequest("w2", now)).toBeNull(); // held by w1
    expect(await processRequest("w1", claimed, now)).toBe("completed");
    expect(await processRequest("w1", claimed, now)).toBe("lost");
    const row = await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: "completed", completedAt: now });
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: requestId } })).toBe(1);
  });

  it("takes over a request whose worker crashed, once its lease ran out", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    const start = new Date();
    const crashed = (await claimNextRequest("crashed", start))!; // and never finishes
    expect(await claimNextRequest("w2", new Date(start.getTime() + leaseMs - 1000))).toBeNull();
    const later = new Date(start.getTime() + leaseMs + 1000);
    const retaken = (await claimNextRequest("w2", later))!;
    expect(retaken.id).toBe(requestId);
    expect(await processRequest("w2", retaken, later)).toBe("completed");
    // The crashed worker waking up late cannot complete it a second time.
    expect(await processRequest("crashed", crashed, later)).toBe("lost");
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: requestId } })).toBe(1);
  });

  it("retries a failure with backoff, then marks it failed and visible", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    const failing = async () => {
      throw new Error("disk full");
    };
    let now = new Date();
    for (let attempt = 1; attempt <= maxAttempts(); attempt++) {
      const claimed = (await claimNextRequest("w1", now))!;
      expect(claimed.attempts).toBe(attempt);
      const outcome = await processRequest("w1", claimed, now, failing);
      const row = await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } });
      if (attempt < maxAttempts()) {
        expect(outcome).toBe("retrying");
        expect(row.status).toBe("queued");
        expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
        expect(await claimNextRequest("w1", now)).toBeNull(); // not before its backoff
        now = new Date(row.nextAttemptAt.getTime() + 1);
      } else {
        expect(outcome).toBe("failed");
        expect(row).toMatchObject({ status: "failed", lastError: "disk full" });
      }
    }
    expect((await listDataRequests(who.id)).map((row) => row.status)).toEqual(["failed"]);
  });

  it("marks failed a request whose worker died on every attempt, instead of taking it over forever", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    let now = new Date();
    for (let attempt = 1; attempt <= maxAttempts(); attempt++) {
      const claimed = (await claimNextRequest(`crashing-${attempt}`, now))!; // and the process dies
      expect(claimed).toMatchObject({ id: requestId, attempts: attempt });
      now = new Date(now.getTime() + leaseMs + 1000);
    }
    expect(await claimNextRequest("w2", now)).toBeNull();
    const row = await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: "failed", lastError: crashedWorkerError, lockedBy: null });
    const [listed] = await listDataRequests(who.id, now);
    expect(listed).toMatchObject({ status: "failed", completedAt: null });
  });

  it("does not complete a request cancelled while it was being built", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    const now = new Date();
    const claimed = (await claimNextRequest("w1", now))!;
    await db.dataRequest.update({ where: { id: requestId }, data: { status: "cancelled", cancelledAt: now } });
    expect(await processRequest("w1", claimed, now)).toBe("lost");
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: requestId } })).toBe(0);
  });

  it("expires a completed request after the retention period, everywhere, and sweeps its archive", async () => {
    const who = await person();
    const { requestId } = await createDataRequest(who.id, ["profile"]);
    const completedAt = new Date();
    await drainQueue("w1", () => completedAt);
    const row = await db.dataRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.expiresAt!.getTime() - completedAt.getTime()).toBe(30 * 24 * 3_600_000);

    const dayBefore = new Date(row.expiresAt!.getTime() - 1000);
    const dayAfter = new Date(row.expiresAt!.getTime() + 1000);
    expect(await listDataRequests(who.id, dayBefore)).toHaveLength(1);
    // Other tests of this file complete requests too, earlier: only this one's archive is asserted.
    await sweepExpiredRows(dayBefore);
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: requestId } })).toBe(1);
    expect(await listDataRequests(who.id, dayAfter)).toHaveLength(0);
    expect((await sweepExpiredRows(dayAfter))["data request archives"]).toBeGreaterThanOrEqual(1);
    expect(await db.dataRequestArchive.count({ where: { dataRequestId: requestId } })).toBe(0);
  });
});
