import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/account-link-forms";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="text-sm">Give your e-mail address: we send a link to choose a new password.</p>
      <ForgotPasswordForm />
    </div>
  );
}
