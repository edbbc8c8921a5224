import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { createUserSession } from "@/lib/auth/sessions";
import { generateSecret, hashSecret } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { createAccount } from "@/lib/users/accounts";

export const unique = () => crypto.randomBytes(5).toString("hex");

export interface Person {
  id: string;
  email: string;
  organizationId: string | null;
  token: string;
  /** `Authorization: Token …` for TIMP calls. */
  auth: { authorization: string };
}

/** A person with a fresh TIMP token; each call makes a new organization unless one is named. */
export async function person(options: { type?: "retailer" | "supplier"; admin?: boolean; organizationName?: string } = {}): Promise<Person> {
  const account = await createAccount(
    db,
    {
      email: `p-${unique()}@example.com`,
      password: "a long test password",
      firstName: "Test",
      lastName: unique(),
      role: options.admin ? "admin" : "member",
      organizationName: options.admin ? undefined : (options.organizationName ?? `Org ${unique()}`),
      organizationType: options.type ?? "retailer",
    },
    { joinExisting: true },
  );
  const { token } = await issueApiToken(account.id, { name: "test", lifetimeMs: 60 * 60 * 1000 });
  return {
    id: account.id,
    email: account.email,
    organizationId: account.organization?.id ?? null,
    token,
    auth: { authorization: `Token ${token}` },
  };
}

/** A next-auth session cookie for the person, as the browser would hold it. */
export async function sessionCookie(userId: string): Promise<string> {
  const sid = await createUserSession(userId);
  const value = await encode({ token: { sid }, secret: process.env.AUTH_SECRET! });
  return `next-auth.session-token=${value}`;
}

export const jsonHeaders = (auth: Record<string, string>) => ({ ...auth, "content-type": "application/json" });

export const validRequest = {
  organization_name: "Globex Supply",
  primary_contact_name: "Gina Globex",
  primary_contact_phone: "+1 555 0100",
  primary_contact_email: "gina@globex.example",
  organization_account_number: "ACC-1",
  additional_information: "Please connect us.",
  integrations: [
    { type: "item", update_frequency: "0 2 * * *", file_locations: "https://files.globex.example/items/", file_specs: "CSV", rules: "none" },
  ],
};

/**
 * An OAuth access token for the person, made through the data layer as the authorization server
 * would store it (only its hash), with a grant the person can revoke.
 */
export async function bearerFor(userId: string | null, scopes: string[] = ["requests:read", "requests:write"], options: { expiresInMs?: number } = {}) {
  const owner = userId ?? (await person()).id;
  const client = await db.oAuthClient.create({
    data: { clientId: `client-${unique()}`, name: "Test app", ownerId: owner, type: "confidential", redirectUris: ["https://app.example/callback"] },
  });
  const grant = userId ? await db.oAuthGrant.create({ data: { clientId: client.id, userId, scopes } }) : null;
  const token = generateSecret("at");
  await db.oAuthToken.create({
    data: {
      kind: "access",
      tokenHash: hashSecret(token),
      clientId: client.id,
      userId,
      grantId: grant?.id,
      familyId: crypto.randomUUID(),
      scopes,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)),
    },
  });
  return { token, auth: { authorization: `Bearer ${token}` }, grantId: grant?.id ?? null, clientId: client.id };
}
