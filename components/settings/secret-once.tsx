/** A form's answer that may carry a secret: shown in full this once, as nothing keeps it readable. */
export function SecretOnce({ state, label, testId }: { state: { ok: boolean; message?: string; secret?: string | null } | null; label: string; testId: string }) {
  if (!state) return null;
  if (!state.ok) return <p className="text-sm text-red-700">{state.message}</p>;
  return (
    <div className="rounded bg-green-50 p-3 text-sm" data-testid={testId}>
      <p>{state.message}</p>
      {state.secret && (
        <>
          <p className="mt-1 font-medium">{label} (shown once, copy it now):</p>
          <code className="block break-all" data-testid={`${testId}-value`}>{state.secret}</code>
        </>
      )}
    </div>
  );
}
