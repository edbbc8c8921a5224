"use client";

import { useState } from "react";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/lib/auth/factors/sign-in-actions";

/**
 * "Sign in with a passkey": the browser offers this site's passkeys (discoverable, so no address
 * is typed). SimpleWebAuthn's browser half loads only when the button is used.
 */
export function PasskeySignInButton({ returnTo }: { returnTo: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function signInWithPasskey() {
    setBusy(true);
    setMessage(null);
    try {
      const [{ startAuthentication }, ceremony] = await Promise.all([import("@simplewebauthn/browser"), passkeySignInOptionsAction()]);
      const response = await startAuthentication({ optionsJSON: ceremony.options });
      const result = await passkeySignInAction(ceremony.challengeId, response, returnTo);
      if (result?.ok && "returnTo" in result) return window.location.assign(result.returnTo);
      setMessage(result && !result.ok ? result.message : "That passkey was not accepted.");
    } catch {
      setMessage("No passkey was used. Try again, or sign in with your password.");
    }
    setBusy(false);
  }
  return (
    <div className="flex flex-col gap-2">
      <button type="button" onClick={signInWithPasskey} disabled={busy} className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-60">
        Sign in with a passkey
      </button>
      <p aria-live="polite" className="min-h-5 text-sm text-red-700" data-testid="passkey-error">{message}</p>
    </div>
  );
}
