import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/account-link-forms";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token = "" } = firstValues(await searchParams);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="text-sm">It signs you out everywhere, so whoever knew the old one is out too.</p>
      <ResetPasswordForm token={token} />
    </div>
  );
}
