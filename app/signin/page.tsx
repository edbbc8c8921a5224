import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getActor()) redirect(returnTo);
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
      <SignInForm returnTo={returnTo} />
    </div>
  );
}
