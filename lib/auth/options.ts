import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/client";
import { appUrl, dataDir, env } from "../env";
import { clientAddress } from "../http/client-address";
import { AppError } from "../http/errors";
import { consumeForAccount, rememberAddress, signIn } from "../rate-limit";
import { signInSchema } from "../schemas/users";
import { verifyPassword } from "./password";
import { resolveAuthSecret } from "./secret";
import { createUserSession, revokeUserSession, sessionMaxAgeSeconds } from "./sessions";

export const secureCookies = () => appUrl().startsWith("https://");

/** Secure cookies carry the __Secure- prefix, which browsers only accept over HTTPS. */
export const sessionCookieName = () => `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  return resolveAuthSecret({ secret: AUTH_SECRET, production: NODE_ENV === "production", dataDir: dataDir() });
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
  await rememberAddress(signIn, email, address);
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
            return user && { id: user.id, email: user.email };
          } catch (error) {
            // next-auth shows the message on the sign-in page as `?error=`.
            if (error instanceof AppError && error.code === "rate_limited") throw new Error("RateLimited");
            if (error instanceof AppError && error.message === unverifiedMessage) throw new Error("Unverified");
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // Only at sign-in: the token then carries nothing but the session's id.
        if (user) return { sid: await createUserSession(user.id) };
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
