import type { SecurityState } from "@/lib/auth/factors/security-actions";

/** What a Security tab form did, announced where the person is looking; new recovery codes, once. */
export function SecurityOutcome({ state, testId }: { state: SecurityState; testId: string }) {
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  return (
    <div aria-live="polite" className="flex flex-col gap-2 text-sm" data-testid={testId}>
      {state && <p className={state.ok ? "text-green-800" : "text-red-700"}>{[state.message, ...fieldErrors].join(" ")}</p>}
      {state?.ok && state.recoveryCodes && (
        <ol className="grid grid-cols-2 gap-1 rounded border border-slate-300 bg-slate-50 p-3 font-mono" data-testid="recovery-codes" aria-label="Recovery codes">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
