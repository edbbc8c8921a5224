import type { Metadata } from "next";
import Link from "next/link";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { redirect } from "next/navigation";
import { pendingSignIn } from "@/lib/auth/factors/pending-sign-in";
import { getActor } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Verify it is you" };

/** Sign-in's second step, for accounts with a second factor; without a password just given, back to sign in. */
export default async function VerifySignInPage({ searchParams }: PageProps<"/signin/verify">) {
  // Signed in (the factor was just given, and the action's refresh renders this page again): on to where they were going.
  if (await getActor()) redirect(safeReturnPath((await searchParams).callbackUrl));
  const pending = await pendingSignIn();
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold">Verify it is you</h1>
      {pending ? (
        <>
          <p className="text-sm">Your password was right. Now give your second factor for {pending.email}.</p>
          <SecondFactorForm hasTotp={pending.hasTotp} hasPasskey={pending.hasPasskey} />
        </>
      ) : (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          There is no sign-in waiting here, or it expired. <Link href="/signin" className="text-brand-700 underline">Sign in</Link>
        </p>
      )}
    </div>
  );
}
