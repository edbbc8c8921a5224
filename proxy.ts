import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers.mjs";

/**
 * Sets the Content-Security-Policy of pages with a fresh nonce per response; Next.js reads the
 * nonce from the request's policy header and puts it on its own scripts. API routes get a fixed
 * policy from next.config.mjs. This decides no access: authorization happens in lib/ for every
 * page, route handler and server action.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    formTargets: [...consentFormTarget(request), ...ssoFormTarget(request)],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/** The consent page's form may end at the redirect URI's origin (validated again on submit). */
function consentFormTarget(request: NextRequest): string[] {
  if (request.nextUrl.pathname !== "/oauth/consent") return [];
  const redirectUri = request.nextUrl.searchParams.get("redirect_uri");
  if (!redirectUri || !URL.canParse(redirectUri)) return [];
  const { origin, protocol } = new URL(redirectUri);
  return protocol === "https:" || protocol === "http:" ? [origin] : [];
}

/**
 * "Sign in with <provider>" posts to next-auth, which redirects to the provider's authorization
 * endpoint (on the issuer's origin): the sign-in page's form may end there.
 */
function ssoFormTarget(request: NextRequest): string[] {
  const issuer = process.env.OIDC_ISSUER;
  if (request.nextUrl.pathname !== "/signin" || !issuer || !URL.canParse(issuer)) return [];
  return [new URL(issuer).origin];
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
