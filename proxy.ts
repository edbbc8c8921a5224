import { NextResponse, type NextRequest } from "next/server";
import { apiContentSecurityPolicy, pageContentSecurityPolicy } from "@/lib/http/security-headers.mjs";

/**
 * Sets the Content-Security-Policy with a fresh nonce per page; Next.js reads the nonce from the
 * request's policy header and puts it on its own scripts. This decides no access: authorization
 * happens in lib/ for every page, route handler and server action.
 */
export function proxy(request: NextRequest) {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = isApi
    ? apiContentSecurityPolicy
    : pageContentSecurityPolicy(nonce, {
        development: process.env.NODE_ENV === "development",
        formTargets: consentFormTarget(request),
      });

  const requestHeaders = new Headers(request.headers);
  if (!isApi) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", policy);
  }
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

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
