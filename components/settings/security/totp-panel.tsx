"use client";

import { useActionState, useState } from "react";
import { confirmTotpAction, disableTotpAction, newRecoveryCodesAction, startTotpEnrolmentAction } from "@/lib/auth/factors/security-actions";
import type { TotpEnrolment } from "@/lib/auth/factors/totp";
import { SecurityOutcome } from "./outcome";

function CodeForm({ action, button, pending }: { action: (formData: FormData) => void; button: string; pending: boolean }) {
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={`code-${button}`} className="text-sm font-medium">Code</label>
        <input id={`code-${button}`} name="code" inputMode="numeric" autoComplete="one-time-code" required className="w-32 rounded border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-2 font-medium hover:bg-slate-100 disabled:opacity-60">
        {button}
      </button>
    </form>
  );
}

/** The authenticator app: set up by QR code or its key, confirmed by a first code; turned off or given new recovery codes with a current one. */
export function TotpPanel({ enabled, unusedRecoveryCodes }: { enabled: boolean; unusedRecoveryCodes: number }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [confirmed, confirm, confirming] = useActionState(confirmTotpAction, null);
  const [disabled, disable, disabling] = useActionState(disableTotpAction, null);
  const [renewed, renew, renewing] = useActionState(newRecoveryCodesAction, null);

  async function start() {
    const result = await startTotpEnrolmentAction();
    if ("error" in result) setStartError(result.error);
    else setEnrolment(result);
  }

  if (confirmed?.ok) return <SecurityOutcome state={confirmed} testId="totp-outcome" />;
  if (enabled) {
    return (
      <div className="flex flex-col gap-3 text-sm">
        <p data-testid="totp-state">An authenticator app is on. {unusedRecoveryCodes} recovery {unusedRecoveryCodes === 1 ? "code is" : "codes are"} left.</p>
        <CodeForm action={renew} button="New recovery codes" pending={renewing} />
        <SecurityOutcome state={renewed} testId="recovery-outcome" />
        <CodeForm action={disable} button="Turn off" pending={disabling} />
        <SecurityOutcome state={disabled} testId="totp-off-outcome" />
      </div>
    );
  }
  if (!enrolment) {
    return (
      <div className="flex flex-col gap-2 text-sm">
        <p data-testid="totp-state">No authenticator app is set up.</p>
        <div>
          <button type="button" onClick={start} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Set up an authenticator app
          </button>
        </div>
        {startError && <p role="alert" className="text-red-700">{startError}</p>}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>Scan this QR code with your authenticator app, or type the key below into it. Then enter the code it shows.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made for this person, nothing to optimize */}
      <img src={enrolment.qrCode} alt="QR code for your authenticator app" width={180} height={180} className="rounded border border-slate-200 bg-white" />
      <p className="font-mono text-base tracking-wider" data-testid="totp-key">{enrolment.manualKey}</p>
      <CodeForm action={confirm} button="Turn on" pending={confirming} />
      <SecurityOutcome state={confirmed} testId="totp-outcome" />
    </div>
  );
}
