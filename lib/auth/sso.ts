import "server-only";
import crypto from "node:crypto";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { emailSchema } from "../schemas/users";
import { hashPassword } from "./password";

/** The claims of the provider's ID token (and userinfo) this portal reads. */
export interface SsoProfile {
  sub: string;
  email?: string | null;
  email_verified?: boolean | string | null;
  given_name?: string | null;
  family_name?: string | null;
  name?: string | null;
}

/** Why a single sign-on did not sign anyone in: the sign-in page's `?error=` words for it. */
export type SsoRefusal = "SsoEmailUnverified" | "SsoNoEmail" | "SsoDisabled";

const verified = (profile: SsoProfile) => profile.email_verified === true || profile.email_verified === "true";

/**
 * Whose account a single sign-on opens: the one linked to this issuer and subject before; else an
 * account with the same address, linked now only when the provider says it verified the address
 * (anyone can claim an address at some providers); else a new person without an organization,
 * with no password (a reset link can give them one). Nobody is signed in to a disabled account.
 */
export async function resolveSsoAccount(issuer: string, profile: SsoProfile, now = new Date()): Promise<{ userId: string } | { refusal: SsoRefusal }> {
  const linked = await db.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject: profile.sub } }, select: { user: { select: { id: true, status: true } } } });
  if (linked) return linked.user.status === "active" ? { userId: linked.user.id } : { refusal: "SsoDisabled" };
  const email = emailSchema.safeParse(profile.email ?? "");
  if (!email.success) return { refusal: "SsoNoEmail" };
  const existing = await db.user.findUnique({ where: { email: email.data }, select: { id: true, status: true } });
  if (existing) {
    if (!verified(profile)) return { refusal: "SsoEmailUnverified" };
    if (existing.status !== "active") return { refusal: "SsoDisabled" };
    await db.$transaction([
      db.userIdentity.create({ data: { userId: existing.id, issuer, subject: profile.sub } }),
      // The provider vouched for the address: it counts as confirmed here too.
      db.user.updateMany({ where: { id: existing.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now } }),
    ]);
    return { userId: existing.id };
  }
  const [first = "", ...rest] = (profile.name ?? "").trim().split(/\s+/);
  // An unusable password: this person signs in through the provider (or sets one by a reset link).
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  try {
    const user = await db.user.create({
      data: {
        email: email.data,
        passwordHash,
        firstName: (profile.given_name ?? first).slice(0, 200),
        lastName: (profile.family_name ?? rest.join(" ")).slice(0, 200),
        emailVerifiedAt: verified(profile) ? now : null,
        identities: { create: { issuer, subject: profile.sub } },
      },
      select: { id: true },
    });
    return { userId: user.id };
  } catch (error) {
    // Made by a sign-in at the same moment: the next attempt links or refuses by the rules above.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return resolveSsoAccount(issuer, profile, now);
    throw error;
  }
}
