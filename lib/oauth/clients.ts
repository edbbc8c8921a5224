import "server-only";
import crypto from "node:crypto";
import type { Actor } from "../auth/actor";
import { generateSecret, hashSecret } from "../auth/secrets";
import { db } from "../db/client";
import { notFound } from "../http/errors";
import { OAuthError } from "./errors";

/** Registers an app for the actor; the secret (confidential apps) is returned once, stored hashed. */
export async function registerOAuthClient(actor: Actor, input: { name: string; type: "confidential" | "public"; redirectUris: string[] }) {
  const secret = input.type === "confidential" ? generateSecret("cs") : null;
  const client = await db.oAuthClient.create({
    data: {
      clientId: `app_${crypto.randomBytes(12).toString("base64url")}`,
      name: input.name,
      type: input.type,
      ownerId: actor.userId,
      redirectUris: input.redirectUris,
      secretHash: secret ? hashSecret(secret) : null,
    },
  });
  return { clientId: client.clientId, secret };
}

export function listOwnOAuthClients(actor: Actor) {
  return db.oAuthClient.findMany({
    where: { ownerId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, clientId: true, name: true, type: true, redirectUris: true, createdAt: true, secretRotatedAt: true, webhook: { select: { url: true } } },
  });
}

/** A new secret for one of the actor's confidential apps; the old one stops working at once. */
export async function rotateOAuthClientSecret(actor: Actor, id: string): Promise<string> {
  const secret = generateSecret("cs");
  const { count } = await db.oAuthClient.updateMany({
    where: { id, ownerId: actor.userId, type: "confidential" },
    data: { secretHash: hashSecret(secret), secretRotatedAt: new Date() },
  });
  if (count === 0) throw notFound();
  return secret;
}

/** Deleting an app deletes its grants, codes and tokens (cascade): every token stops working. */
export async function deleteOAuthClient(actor: Actor, id: string): Promise<void> {
  const { count } = await db.oAuthClient.deleteMany({ where: { id, ownerId: actor.userId } });
  if (count === 0) throw notFound();
}

export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
  usedBasic: boolean;
}

/** RFC 6749 §2.3.1: HTTP Basic (form-encoded id and secret) or the request body, not both. */
export function readClientCredentials(headers: Headers, form: URLSearchParams): ClientCredentials {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const malformed = () => new OAuthError("invalid_client", "Malformed HTTP Basic credentials.", { headers: { "WWW-Authenticate": 'Basic realm="oauth"' } });
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw malformed();
    if (form.has("client_secret")) throw new OAuthError("invalid_request", "Use one client authentication method, not two.");
    // Both halves are form-urlencoded (§2.3.1); a bad escape such as "%" is the client's error.
    const unescape = (value: string) => {
      try {
        return decodeURIComponent(value.replace(/\+/g, " "));
      } catch {
        throw malformed();
      }
    };
    return { clientId: unescape(decoded.slice(0, colon)), clientSecret: unescape(decoded.slice(colon + 1)), usedBasic: true };
  }
  return { clientId: form.get("client_id") ?? undefined, clientSecret: form.get("client_secret") ?? undefined, usedBasic: false };
}

/**
 * The client making a token-endpoint call. Confidential clients must prove their secret; public
 * clients only name themselves (PKCE protects their codes). Any failure is `invalid_client`.
 */
export async function authenticateClient(credentials: ClientCredentials, options: { requireConfidential?: boolean } = {}) {
  const fail = (description: string) =>
    new OAuthError("invalid_client", description, credentials.usedBasic ? { headers: { "WWW-Authenticate": 'Basic realm="oauth"' } } : {});
  if (!credentials.clientId) throw fail("Client authentication is required.");
  const client = await db.oAuthClient.findUnique({ where: { clientId: credentials.clientId }, omit: { secretHash: false } });
  if (!client) throw fail("Unknown client or wrong secret.");
  if (client.type === "confidential") {
    const given = credentials.clientSecret ? Buffer.from(hashSecret(credentials.clientSecret)) : Buffer.alloc(64);
    if (!client.secretHash || !crypto.timingSafeEqual(given, Buffer.from(client.secretHash))) throw fail("Unknown client or wrong secret.");
  } else if (credentials.clientSecret) {
    throw fail("Public clients have no secret.");
  }
  if (options.requireConfidential && client.type !== "confidential") throw fail("Only confidential clients may do this.");
  const { secretHash: _secret, ...rest } = client;
  return rest;
}
export type AuthenticatedClient = Awaited<ReturnType<typeof authenticateClient>>;
