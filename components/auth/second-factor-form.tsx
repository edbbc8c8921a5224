"use client";

import { useActionState, useEffect, useState } from "react";
import { Field, SubmitButton } from "@/components/ui/field";
import { passkeySecondFactorAction, passkeySecondFactorOptionsAction, verifySecondFactorAction } from "@/lib/auth/factors/sign-in-actions";
import type { SignInState } from "@/lib/auth/session-actions";

/** Sign-in's second step: the app's code or a recovery code ("Verify"), or one of the person's passkeys. */
export function SecondFactorForm({ hasTotp, hasPasskey }: { hasTotp: boolean; hasPasskey: boolean }) {
  const [state, action, pending] = useActionState(verifySecondFactorAction, null);
  const [passkeyState, setPasskeyState] = useState<SignInState>(null);
  const done = [state, passkeyState].find((result) => result?.ok === true && "returnTo" in result);
  useEffect(() => {
    if (done && "returnTo" in done) window.location.assign(done.returnTo);
  }, [done]);
  const errors = state && !state.ok ? state.fieldErrors : {};

  async function usePasskey() {
    try {
      const [{ startAuthentication }, ceremony] = await Promise.all([import("@simplewebauthn/browser"), passkeySecondFactorOptionsAction()]);
      if (!ceremony) return setPasskeyState({ ok: false, message: "Your sign-in has expired: enter your password again.", fieldErrors: {} });
      setPasskeyState(await passkeySecondFactorAction(ceremony.challengeId, await startAuthentication({ optionsJSON: ceremony.options })));
    } catch {
      setPasskeyState({ ok: false, message: "No passkey was used. Try again, or enter a code.", fieldErrors: {} });
    }
  }

  const message = [state, passkeyState].find((result) => result && !result.ok);
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" className="min-h-6 text-sm text-red-700" data-testid="form-error">
        {message && !message.ok ? message.message : null}
      </div>
      <form action={action} className="flex flex-col gap-4" noValidate>
        <Field
          label="Code"
          name="code"
          autoComplete="one-time-code"
          inputMode={hasTotp ? "numeric" : "text"}
          required
          hint={hasTotp ? "The 6 digits your authenticator app shows, or one of your recovery codes." : "One of your recovery codes."}
          errors={errors.code}
        />
        <SubmitButton pending={pending || Boolean(done)}>Verify</SubmitButton>
      </form>
      {hasPasskey && (
        <button type="button" onClick={usePasskey} className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100">
          Use a passkey
        </button>
      )}
    </div>
  );
}
