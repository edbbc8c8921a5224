import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "../../db/client";
import { appUrl } from "../../env";
import { AppError, notFound } from "../../http/errors";
import { isUuid } from "../../ids";
import type { Actor } from "../actor";
import { assertMayGoWithoutFactor } from "./policy";

/** A ceremony's challenge is good for five minutes, once. */
const challengeLifetimeMs = 5 * 60_000;

/** The relying party is this deployment: its host name, and its origin for the browser's signature. */
const relyingParty = () => {
  const url = new URL(appUrl());
  return { id: url.hostname, origin: url.origin };
};

const refused = () => new AppError("unauthenticated", "That passkey was not accepted. Try again, or sign in with your password.");

async function saveChallenge(purpose: "passkey_registration" | "passkey_sign_in", challenge: string, userId: string | null, now: Date) {
  const row = await db.authChallenge.create({ data: { purpose, challenge, userId, expiresAt: new Date(now.getTime() + challengeLifetimeMs) }, select: { id: true } });
  return row.id;
}

/** Takes a challenge once: null when it is unknown, used, expired or another purpose's. */
async function takeChallenge(id: string, purpose: string, now: Date) {
  if (!isUuid(id)) return null;
  const [row] = await db.authChallenge.updateManyAndReturn({ where: { id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now }, select: { challenge: true, userId: true } });
  return row ?? null;
}

export interface PasskeyCeremony<Options> {
  challengeId: string;
  options: Options;
}

/** "Add a passkey": options for the browser, the person's passkeys excluded so none is added twice. */
export async function passkeyRegistrationOptions(actor: Actor, now = new Date()): Promise<PasskeyCeremony<PublicKeyCredentialCreationOptionsJSON>> {
  const existing = await db.passkey.findMany({ where: { userId: actor.userId }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: "Crux Requests",
    rpID: relyingParty().id,
    userName: actor.email,
    userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: "none",
    // Discoverable, so it can sign in alone, without typing an address first.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
  });
  return { challengeId: await saveChallenge("passkey_registration", options.challenge, actor.userId, now), options };
}

/** Keeps the new passkey once the browser's answer checks out; it is then a second factor too. */
export async function registerPasskey(actor: Actor, challengeId: string, response: RegistrationResponseJSON, name: string, now = new Date()) {
  const challenge = await takeChallenge(challengeId, "passkey_registration", now);
  if (!challenge || challenge.userId !== actor.userId) throw new AppError("validation", "This passkey request expired: try again.");
  const { id, origin } = relyingParty();
  const verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge.challenge, expectedOrigin: origin, expectedRPID: id, requireUserVerification: false }).catch(() => null);
  if (!verification?.verified) throw new AppError("validation", "The passkey could not be verified: try again.");
  const { credential } = verification.registrationInfo;
  const passkey = await db.$transaction(async (tx) => {
    const created = await tx.passkey.create({
      data: { userId: actor.userId, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: credential.counter, transports: credential.transports ?? [], name },
      select: { id: true, name: true },
    });
    await tx.user.updateMany({ where: { id: actor.userId, secondFactorAt: null }, data: { secondFactorAt: now } });
    return created;
  });
  return passkey;
}

/**
 * Options to sign in with a passkey: with no person (the sign-in page's "Sign in with a passkey")
 * the browser offers any passkey of this site; with one (the second step) only theirs.
 */
export async function passkeySignInOptions(userId: string | null = null, now = new Date()): Promise<PasskeyCeremony<PublicKeyCredentialRequestOptionsJSON>> {
  const allowed = userId ? await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } }) : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: "preferred",
    allowCredentials: allowed.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
  });
  return { challengeId: await saveChallenge("passkey_sign_in", options.challenge, userId, now), options };
}

/**
 * Checks a passkey's signature over the challenge and answers whose it is (an active account's;
 * a challenge made for one person accepts only their passkeys). The signature counter must grow
 * (when the authenticator keeps one), so a cloned authenticator is refused.
 */
export async function verifyPasskeySignIn(challengeId: string, response: AuthenticationResponseJSON, now = new Date()): Promise<string> {
  const challenge = await takeChallenge(challengeId, "passkey_sign_in", now);
  if (!challenge) throw refused();
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id }, select: { id: true, userId: true, publicKey: true, counter: true, transports: true, user: { select: { status: true } } } });
  if (!passkey || passkey.user.status !== "active" || (challenge.userId && challenge.userId !== passkey.userId)) throw refused();
  const { id, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: origin,
    expectedRPID: id,
    credential: { id: response.id, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports as AuthenticatorTransportFuture[] },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw refused();
  await db.passkey.update({ where: { id: passkey.id }, data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: now } });
  return passkey.userId;
}

export async function listPasskeys(actor: Actor) {
  return db.passkey.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } });
}

export async function renamePasskey(actor: Actor, passkeyId: string, name: string): Promise<void> {
  const { count } = isUuid(passkeyId) ? await db.passkey.updateMany({ where: { id: passkeyId, userId: actor.userId }, data: { name } }) : { count: 0 };
  if (count === 0) throw notFound("No such passkey.");
}

/** Removes one of the person's passkeys; with no factor left, they have no second factor. */
export async function removePasskey(actor: Actor, passkeyId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = isUuid(passkeyId) ? await tx.passkey.deleteMany({ where: { id: passkeyId, userId: actor.userId } }) : { count: 0 };
    if (count === 0) throw notFound("No such passkey.");
    const [left, user] = await Promise.all([tx.passkey.count({ where: { userId: actor.userId } }), tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } })]);
    if (left === 0 && !user.totpEnabledAt) assertMayGoWithoutFactor(actor);
    if (left === 0 && !user.totpEnabledAt) await tx.user.update({ where: { id: actor.userId }, data: { secondFactorAt: null } });
  });
}
