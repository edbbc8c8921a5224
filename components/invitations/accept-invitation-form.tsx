"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, SubmitButton } from "@/components/ui/field";
import { acceptInvitationAction } from "@/lib/connections/invitation-actions";
import type { FormState } from "@/lib/forms";

/** The supplier's organization and first member; the address is the one the invitation reached. */
export function AcceptInvitationForm({ token, email, organizationName }: { token: string; email: string; organizationName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInvitationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const refusal = state && !state.ok && !Object.keys(errors).length ? state.message : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div aria-live="polite" className="text-sm text-red-700" data-testid="form-error">
        {refusal && (
          <p role="alert" className="rounded bg-red-50 p-3">
            {refusal}
            {refusal.includes("Sign in") && (
              <>
                {" "}
                <Link href="/signin" className="text-brand-700 underline">Go to sign in</Link>
              </>
            )}
          </p>
        )}
      </div>
      <Field label="Organization name" name="organizationName" autoComplete="organization" required defaultValue={organizationName} errors={errors.organizationName} />
      <Field label="Your name" name="name" autoComplete="name" required errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" readOnly value={email} hint="The invitation was sent to this address, so it is already confirmed." />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." errors={errors.password} />
      <SubmitButton pending={pending}>Accept invitation</SubmitButton>
    </form>
  );
}
