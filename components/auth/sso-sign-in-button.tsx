"use client";

import { useState } from "react";

/**
 * "Sign in with <provider>": next-auth's OpenID Connect sign-in, started as its own form does (a
 * POST with its CSRF token), without shipping next-auth's client library.
 */
export function SsoSignInButton({ name, returnTo }: { name: string; returnTo: string }) {
  const [busy, setBusy] = useState(false);
  async function start() {
    setBusy(true);
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = document.createElement("form");
    form.method = "POST";
    form.action = "/api/auth/signin/oidc";
    for (const [field, value] of Object.entries({ csrfToken, callbackUrl: returnTo })) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = field;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }
  return (
    <button type="button" onClick={start} disabled={busy} className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 disabled:opacity-60">
      Sign in with {name}
    </button>
  );
}
