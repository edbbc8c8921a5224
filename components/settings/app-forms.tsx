"use client";

import { useActionState } from "react";
import { registerAppAction, rotateSecretAction, type AppSecretState } from "@/lib/oauth/actions";
import { Field, SubmitButton } from "@/components/ui/field";
import { SecretOnce } from "./secret-once";

const Shown = ({ state }: { state: AppSecretState }) => <SecretOnce state={state} label="Client secret" testId="app-secret" />;

export function RegisterAppForm() {
  const [state, action, pending] = useActionState<AppSecretState, FormData>(registerAppAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-labelledby="register-app">
      <h2 id="register-app" className="text-lg font-medium">Register an app</h2>
      <Field label="App name" name="name" required errors={errors.name} />
      <div className="flex flex-col gap-1">
        <label htmlFor="type" className="text-sm font-medium">Type</label>
        <select id="type" name="type" className="rounded border border-slate-300 px-3 py-2">
          <option value="confidential">Confidential (a server that keeps a secret)</option>
          <option value="public">Public (a browser or mobile app, PKCE only)</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="redirectUris" className="text-sm font-medium">Redirect URIs (one per line)</label>
        <textarea id="redirectUris" name="redirectUris" rows={3} aria-describedby="redirectUris-hint" className="rounded border border-slate-300 px-3 py-2" />
        <p id="redirectUris-hint" className="text-xs text-slate-500">https only, or http://localhost; exact match; no #fragment.</p>
        {errors.redirectUris && <p className="text-sm text-red-700">{errors.redirectUris.join(" ")}</p>}
      </div>
      <div aria-live="polite"><Shown state={state} /></div>
      <div><SubmitButton pending={pending}>Register app</SubmitButton></div>
    </form>
  );
}

export function RotateSecretForm({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<AppSecretState, FormData>(rotateSecretAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="self-start rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        Rotate secret<span className="sr-only"> of {name}</span>
      </button>
      <div aria-live="polite"><Shown state={state} /></div>
    </form>
  );
}
