"use client";

import { useActionState, useState } from "react";
import { passkeyRegistrationOptionsAction, registerPasskeyAction, removePasskeyAction, renamePasskeyAction, type SecurityState } from "@/lib/auth/factors/security-actions";
import { SecurityOutcome } from "./outcome";

interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "never");

/** The person's passkeys: add one under a name (the browser's authenticator makes it), rename or remove each. */
export function PasskeyPanel({ passkeys }: { passkeys: PasskeyRow[] }) {
  const [added, setAdded] = useState<SecurityState>(null);
  const [adding, setAdding] = useState(false);
  const [renamed, rename, renaming] = useActionState(renamePasskeyAction, null);
  const [removed, remove, removing] = useActionState(removePasskeyAction, null);

  async function add(formData: FormData) {
    setAdding(true);
    try {
      const [{ startRegistration }, ceremony] = await Promise.all([import("@simplewebauthn/browser"), passkeyRegistrationOptionsAction()]);
      if (!ceremony) setAdded({ ok: false, message: "Your session has ended. Sign in again.", fieldErrors: {} });
      else setAdded(await registerPasskeyAction(ceremony.challengeId, await startRegistration({ optionsJSON: ceremony.options }), String(formData.get("name") ?? "")));
    } catch {
      setAdded({ ok: false, message: "No passkey was made: the browser or authenticator said no.", fieldErrors: {} });
    }
    setAdding(false);
  }

  return (
    <div className="flex flex-col gap-3 text-sm">
      <SecurityOutcome state={removed ?? renamed} testId="passkey-change-outcome" />
      {passkeys.length === 0 ? (
        <p>No passkeys yet.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-end gap-2 rounded border border-slate-200 p-2" data-testid="passkey-row">
              <form action={rename} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <div className="flex flex-col gap-1">
                  <label htmlFor={`passkey-${passkey.id}`} className="font-medium">Name</label>
                  <input id={`passkey-${passkey.id}`} name="name" defaultValue={passkey.name} required maxLength={60} className="rounded border border-slate-300 px-2 py-1" />
                </div>
                <button type="submit" disabled={renaming} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60">Rename</button>
              </form>
              <span className="text-slate-600">Added {day(passkey.createdAt)}, last used {day(passkey.lastUsedAt)}</span>
              <form action={remove}>
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <button type="submit" disabled={removing} aria-label={`Remove ${passkey.name}`} className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-60">Remove</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={add} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="new-passkey-name" className="font-medium">Passkey name</label>
          <input id="new-passkey-name" name="name" required maxLength={60} defaultValue="My passkey" className="rounded border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" disabled={adding} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          Add a passkey
        </button>
      </form>
      <SecurityOutcome state={added} testId="passkey-outcome" />
    </div>
  );
}
