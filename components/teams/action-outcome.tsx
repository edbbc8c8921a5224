import type { FormState } from "@/lib/forms";

/** What a team action did (or why it could not), announced where the person is looking. */
export function ActionOutcome({ state, testId = "team-outcome" }: { state: FormState; testId?: string }) {
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  return (
    <p aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? "text-green-800" : "text-red-700"}`} data-testid={testId}>
      {state ? [state.message, ...fieldErrors].join(" ") : null}
    </p>
  );
}
