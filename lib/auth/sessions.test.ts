import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAccount } from "@/lib/users/accounts";
import { changeAccount } from "@/lib/users/accounts";
import { actorForSession, createUserSession, revokeUserSession } from "./sessions";

const unique = () => Math.random().toString(36).slice(2, 10);

async function newSession() {
  const account = await createAccount(
    db,
    { email: `s-${unique()}@example.com`, password: "long enough password", organizationName: `S ${unique()}` },
    { joinExisting: false },
  );
  return { account, sessionId: await createUserSession(account.id) };
}

describe("sessions", () => {
  it("resolve to the person, their role and organization from the database", async () => {
    const { account, sessionId } = await newSession();
    expect(await actorForSession(sessionId)).toMatchObject({
      userId: account.id,
      role: "member",
      organization: { id: account.organization!.id, type: "retailer" },
    });
    await db.user.update({ where: { id: account.id }, data: { role: "admin" } });
    expect((await actorForSession(sessionId))?.role).toBe("admin");
  });

  it("stop working once revoked, while the person's other sessions go on", async () => {
    const { account, sessionId } = await newSession();
    const other = await createUserSession(account.id);
    await revokeUserSession(sessionId);
    expect(await actorForSession(sessionId)).toBeNull();
    expect(await actorForSession(other)).not.toBeNull();
    await changeAccount(db, account.email, { role: "member" }); // any account change ends them all
    expect(await actorForSession(other)).toBeNull();
  });

  it("stop working when the account is disabled or the session expired", async () => {
    const { account, sessionId } = await newSession();
    await db.user.update({ where: { id: account.id }, data: { status: "disabled" } });
    expect(await actorForSession(sessionId)).toBeNull();

    const second = await newSession();
    await db.userSession.update({ where: { id: second.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorForSession(second.sessionId)).toBeNull();
  });

  it("do not resolve an unknown id", async () => {
    expect(await actorForSession(crypto.randomUUID())).toBeNull();
  });
});
