"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, SubmitButton } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";
import { confirmEmailAction, forgotPasswordAction, resetPasswordAction } from "@/lib/users/account-actions";

function Outcome({ state }: { state: FormState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`rounded p-3 text-sm ${state.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`} data-testid="form-outcome">
      {state.message}
    </p>
  );
}

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(confirmEmailAction, null);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <Outcome state={state} />
      <SubmitButton pending={pending}>Confirm my address</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(forgotPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (state?.ok) return <Outcome state={state} />;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <Outcome state={state && !state.ok && !Object.keys(errors).length ? state : null} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={errors.email} />
      <SubmitButton pending={pending}>Send me a link</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Outcome state={state} />
        <Link href="/signin" className="text-brand-700 underline">Sign in with the new password</Link>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Outcome state={state && !state.ok && !Object.keys(errors).length ? state : null} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." errors={errors.password} />
      <SubmitButton pending={pending}>Set the new password</SubmitButton>
    </form>
  );
}
