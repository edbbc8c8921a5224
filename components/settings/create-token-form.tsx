"use client";

import { useActionState } from "react";
import { createApiTokenAction, type CreateTokenState } from "@/lib/auth/api-token-actions";
import { Field, SubmitButton } from "@/components/ui/field";
import { tokenLifetimes } from "@/lib/schemas/choices";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createApiTokenAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <section aria-labelledby="new-token" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="new-token" className="mb-3 text-lg font-medium">New token</h2>
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label="Name" name="name" required errors={errors.name} placeholder="Nightly sync" />
        <div className="flex flex-col gap-1">
          <label htmlFor="expiresInDays" className="text-sm font-medium">Expires after</label>
          <select id="expiresInDays" name="expiresInDays" defaultValue="30" className="rounded border border-slate-300 px-3 py-2">
            {tokenLifetimes.map((days) => (
              <option key={days} value={days}>{days === 1 ? "1 day" : `${days} days`}</option>
            ))}
          </select>
        </div>
        <SubmitButton pending={pending}>Create token</SubmitButton>
      </form>
      <div aria-live="polite" className="mt-3">
        {state?.ok && "token" in state ? (
          <div className="rounded bg-green-50 p-3 text-sm" data-testid="new-token">
            <p className="font-medium">Token “{state.name}” created. Copy it now: it will not be shown again.</p>
            <code className="mt-2 block break-all rounded bg-white p-2" data-testid="new-token-value">{state.token}</code>
          </div>
        ) : state && !state.ok ? (
          <p className="text-sm text-red-700">{state.message}</p>
        ) : null}
      </div>
    </section>
  );
}
