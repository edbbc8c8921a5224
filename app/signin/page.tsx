import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { ssoProvider } from "@/lib/env";
import { getActor } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

/** What next-auth's `?error=` codes mean here (single sign-on's refusals, mostly). */
const signInErrors: Record<string, string> = {
  SsoEmailUnverified: "Your identity provider has not verified that e-mail address, and an account here already uses it. Sign in with your password, or ask your provider to verify the address.",
  SsoNoEmail: "Your identity provider did not tell us your e-mail address, which an account here needs.",
  SsoDisabled: "That account is disabled.",
  SecondFactorRequired: "This account has a second factor: sign in with the form below.",
  default: "Signing in did not work. Try again.",
};

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getActor()) redirect(returnTo);
  const sso = ssoProvider();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {params.registered === "1" && (
        <p role="status" className="mb-4 rounded bg-green-50 p-3 text-sm text-green-800">
          Your account is ready. Sign in to continue.
        </p>
      )}
      {params.verified === "1" && (
        <p role="status" className="mb-4 rounded bg-green-50 p-3 text-sm text-green-800">
          Your e-mail address is confirmed. Sign in to continue.
        </p>
      )}
      {params.error && (
        <p role="alert" className="mb-4 rounded bg-red-50 p-3 text-sm text-red-800" data-testid="sign-in-refusal">
          {signInErrors[String(params.error)] ?? signInErrors.default}
        </p>
      )}
      <SignInForm returnTo={returnTo} />
      <div className="mt-6 flex flex-col gap-3 border-t border-slate-200 pt-6">
        <PasskeySignInButton returnTo={returnTo} />
        {sso && <SsoSignInButton name={sso.name} returnTo={returnTo} />}
      </div>
    </div>
  );
}
