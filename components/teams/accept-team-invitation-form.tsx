"use client";

import { useActionState } from "react";
import { Field, SubmitButton } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";
import { acceptTeamInvitationAction, joinTeamAction } from "@/lib/teams/actions";

function Refusal({ state }: { state: FormState }) {
  const refusal = state && !state.ok && !Object.keys(state.fieldErrors).length ? state.message : null;
  return (
    <div aria-live="polite" className="text-sm text-red-700" data-testid="form-error">
      {refusal && <p role="alert" className="rounded bg-red-50 p-3">{refusal}</p>}
    </div>
  );
}

/** Someone without an account: their name and a password; the address is the one the invitation reached. */
export function AcceptTeamInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptTeamInvitationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Refusal state={state} />
      <Field label="Your name" name="name" autoComplete="name" required errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="username" readOnly value={email} hint="The invitation was sent to this address, so it is already confirmed." />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 12 characters." errors={errors.password} />
      <SubmitButton pending={pending}>Accept invitation</SubmitButton>
    </form>
  );
}

/** The invited person, signed in with the invited address: one button. */
export function JoinTeamForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(joinTeamAction, null);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <Refusal state={state} />
      <SubmitButton pending={pending}>Accept invitation</SubmitButton>
    </form>
  );
}
