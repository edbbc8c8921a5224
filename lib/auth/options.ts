import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/client";
import { appUrl, dataDir, env, ssoProvider } from "../env";
import { clientAddress } from "../http/client-address";
import { AppError } from "../http/errors";
import { consumeForAccount, rememberAddress, signIn } from "../rate-limit";
import { signInSchema } from "../schemas/users";
import { verifyPassword } from "./password";
import { resolveAuthSecret } from "./secret";
import { createUserSession, revokeUserSession, sessionMaxAgeSeconds } from "./sessions";
import { resolveSsoAccount, type SsoProfile } from "./sso";

export const secureCookies = () => appUrl().startsWith("https://");

/** Secure cookies carry the __Secure- prefix, which browsers only accept over HTTPS. */
export const sessionCookieName = () => `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  return resolveAuthSecret({ secret: AUTH_SECRET, production: NODE_ENV === "production", dataDir: dataDir() });
}

/**
 * Single sign-on through the configured OpenID Connect provider (next-auth's OAuth provider with
 * its discovery document), with PKCE and state checked on the way back.
 */
function ssoProviders(): OAuthConfig<SsoProfile>[] {
  const sso = ssoProvider();
  if (!sso) return [];
  return [
    {
      id: "oidc",
      name: sso.name,
      type: "oauth",
      wellKnown: `${sso.issuer}/.well-known/openid-configuration`,
      clientId: sso.clientId,
      clientSecret: sso.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile) => ({ id: profile.sub, email: profile.email ?? null }),
    },
  ];
}

/** The browser and address of next-auth's sign-in request, for the session's row. */
async function sessionOrigin(method: "password" | "sso") {
  try {
    const incoming = await headers();
    return { userAgent: incoming.get("user-agent") ?? "", ipAddress: clientAddress(incoming), method };
  } catch {
    return { method }; // outside a request (tests)
  }
}

export const unverifiedMessage = "Confirm your e-mail address first: follow the link we sent you.";

/** Rate-limited password check shared by the portal sign-in and the TIMP user-login endpoint. */
export async function verifyCredentials(input: unknown, headers: Headers | Record<string, string | string[] | undefined>) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const address = clientAddress(headers);
  await consumeForAccount(signIn, email, address);
  const user = await db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
    include: { organization: true },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user || user.status !== "active") return null;
  // Said only to whoever knows the password: it reveals nothing to a guesser.
  if (!user.emailVerifiedAt) throw new AppError("unauthenticated", unverifiedMessage);
  // With a second factor the password alone proves nothing yet: the address is remembered (its
  // counts cleared) only once the factor is given, so codes cannot be guessed between passwords.
  if (!user.secondFactorAt) await rememberAddress(signIn, email, address);
  const { passwordHash: _hash, ...account } = user;
  return account;
}

/**
 * next-auth keeps only a session id in its (encrypted) JWT cookie. Who the person is, their role
 * and whether the session still counts are read from the database on every request, so signing
 * out or a role change ends a copied cookie at once (see README, "Sessions").
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          try {
            const user = await verifyCredentials(credentials, request.headers ?? {});
            // This endpoint has no second step: an account with a second factor signs in on the portal's form.
            if (user?.secondFactorAt) throw new Error("SecondFactorRequired");
            return user && { id: user.id, email: user.email };
          } catch (error) {
            // next-auth shows the message on the sign-in page as `?error=`.
            if (error instanceof AppError && error.code === "rate_limited") throw new Error("RateLimited");
            if (error instanceof AppError && error.message === unverifiedMessage) throw new Error("Unverified");
            throw error;
          }
        },
      }),
      ...ssoProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const sso = ssoProvider();
        if (!sso || !profile) return false;
        const resolved = await resolveSsoAccount(sso.issuer, profile as SsoProfile);
        if ("refusal" in resolved) return `/signin?error=${resolved.refusal}`;
        // From here on, next-auth's user is ours: the jwt callback starts our session for it.
        user.id = resolved.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        // Only at sign-in: the token then carries nothing but the session's id.
        if (user) return { sid: await createUserSession(user.id, await sessionOrigin(account?.provider === "oidc" ? "sso" : "password")) };
        return token;
      },
      async session({ session }) {
        // The client sees no identifiers; pages read the person from the database.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeUserSession(token.sid);
      },
    },
  };
}
