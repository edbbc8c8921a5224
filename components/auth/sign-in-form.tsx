"use client";

import { useActionState, useEffect } from "react";
import { signInAction } from "@/lib/auth/session-actions";
import { Field, SubmitButton } from "@/components/ui/field";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const signedIn = state?.ok === true && "returnTo" in state;
  useEffect(() => {
    // A full navigation: the return path may be a route handler (OAuth authorize), not a page.
    if (state?.ok === true && "returnTo" in state) window.location.assign(state.returnTo);
  }, [state]);

  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      <div aria-live="polite" className="min-h-6 text-sm text-red-700" data-testid="form-error">
        {state && !state.ok ? state.message : null}
      </div>
      <Field label="E-mail" name="email" type="email" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton pending={pending || signedIn}>Sign in</SubmitButton>
      <p className="text-sm">
        No account yet? <a href="/register" className="text-brand-700 underline">Register</a> ·{" "}
        <a href="/forgot-password" className="text-brand-700 underline">Forgot your password?</a>
      </p>
    </form>
  );
}
