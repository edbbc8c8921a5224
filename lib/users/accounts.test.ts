import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { createAccount } from "./accounts";

const unique = () => Math.random().toString(36).slice(2, 10);

describe("accounts", () => {
  it("stores the e-mail lower-cased and the password only as an argon2id hash", async () => {
    const email = `Mixed.${unique()}@Example.com`;
    const account = await createAccount(db, { email, password: "correct horse battery" }, { joinExisting: false });
    expect(account.email).toBe(email.toLowerCase());
    expect(account.role).toBe("member");
    const stored = await db.user.findUniqueOrThrow({ where: { id: account.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("correct horse battery");
  });

  it("refuses a second account with the same e-mail, naming the field", async () => {
    const email = `dup-${unique()}@example.com`;
    await createAccount(db, { email, password: "long enough password" }, { joinExisting: false });
    const attempt = createAccount(db, { email: email.toUpperCase(), password: "long enough password" }, { joinExisting: false });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ status: 409, fieldErrors: { email: [expect.any(String)] } });
  });

  it("lets self-registration create an organization but never join someone else's", async () => {
    const org = `Org ${unique()}`;
    const founder = await createAccount(
      db,
      { email: `f-${unique()}@example.com`, password: "long enough password", organizationName: org, organizationType: "supplier" },
      { joinExisting: false },
    );
    expect(founder.organization).toMatchObject({ name: org, type: "supplier" });

    const intruder = createAccount(
      db,
      { email: `i-${unique()}@example.com`, password: "long enough password", organizationName: org.toUpperCase(), organizationType: "supplier" },
      { joinExisting: false },
    );
    await expect(intruder).rejects.toMatchObject({ status: 409, fieldErrors: { organizationName: [expect.any(String)] } });
    expect(await db.user.count({ where: { organizationId: founder.organization!.id } })).toBe(1);
  });

  it("lets operators add people to an existing organization of the same type only", async () => {
    const org = `Org ${unique()}`;
    const first = await createAccount(
      db,
      { email: `a-${unique()}@example.com`, password: "long enough password", organizationName: org, organizationType: "retailer" },
      { joinExisting: true },
    );
    const second = await createAccount(
      db,
      { email: `b-${unique()}@example.com`, password: "long enough password", organizationName: org, organizationType: "retailer" },
      { joinExisting: true },
    );
    expect(second.organization?.id).toBe(first.organization?.id);
    await expect(
      createAccount(
        db,
        { email: `c-${unique()}@example.com`, password: "long enough password", organizationName: org, organizationType: "supplier" },
        { joinExisting: true },
      ),
    ).rejects.toMatchObject({ status: 409 });
  });
});
