"use client";

import { useActionState } from "react";
import { registerAction } from "@/lib/users/account-actions";
import { Field, SubmitButton } from "@/components/ui/field";

export function RegisterForm() {
  const [state, action, pending] = useActionState(registerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (state?.ok) {
    return (
      <p role="status" className="rounded bg-green-50 p-4 text-green-900" data-testid="check-email">
        {state.message}
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite" className="min-h-6 text-sm text-red-700" data-testid="form-error">
        {state && !state.ok ? state.message : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" name="firstName" autoComplete="given-name" required errors={errors.firstName} />
        <Field label="Last name" name="lastName" autoComplete="family-name" errors={errors.lastName} />
      </div>
      <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters."
        errors={errors.password}
      />
      <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Your organization (optional)</legend>
        <Field
          label="Organization name"
          name="organizationName"
          autoComplete="organization"
          hint="Registers a new organization with you as its first member."
          errors={errors.organizationName}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="organizationType" className="text-sm font-medium">
            Organization type
          </label>
          <select id="organizationType" name="organizationType" className="rounded border border-slate-300 px-3 py-2">
            <option value="retailer">Retailer</option>
            <option value="supplier">Supplier</option>
          </select>
        </div>
      </fieldset>
      <SubmitButton pending={pending}>Create account</SubmitButton>
    </form>
  );
}
