import type { Metadata } from "next";
import { ConfirmEmailForm } from "@/components/auth/account-link-forms";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

export default async function VerifyEmailPage({ searchParams }: PageProps<"/verify-email">) {
  const { token = "" } = firstValues(await searchParams);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold">Confirm your e-mail address</h1>
      <p className="text-sm">One click finishes your registration; then you can sign in.</p>
      <ConfirmEmailForm token={token} />
    </div>
  );
}
