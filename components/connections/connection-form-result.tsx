import type { FormState } from "@/lib/forms";

/** A connection form's outcome, announced where the person is looking. */
export function FormResult({ state, testId }: { state: FormState; testId: string }) {
  return (
    <p aria-live="polite" className="min-h-5 text-sm" data-testid={testId}>
      {state && <span className={state.ok ? "text-green-800" : "text-red-700"}>{state.message}</span>}
    </p>
  );
}
