"use client";

import { useActionState } from "react";
import { moveFeedAction } from "@/lib/connections/actions";
import { feedPhaseLabels } from "@/lib/connections/labels";
import type { FormState } from "@/lib/forms";
import { FormResult } from "./connection-form-result";

/** Moves one feed: the phases it may go to are given (the next one first), with an optional note. */
export function MoveFeedForm({ connectionId, integrationId, label, phases }: { connectionId: string; integrationId: string; label: string; phases: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(moveFeedAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const id = `move-${integrationId}`;
  return (
    <form action={action} aria-label={label} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="integrationId" value={integrationId} />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-phase`} className="text-sm font-medium">Phase</label>
        <select id={`${id}-phase`} name="phase" defaultValue={phases[0]} className="rounded border border-slate-300 bg-white px-3 py-2">
          {phases.map((phase) => <option key={phase} value={phase}>{feedPhaseLabels[phase] ?? phase}</option>)}
        </select>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor={`${id}-note`} className="text-sm font-medium">Note</label>
        <input
          id={`${id}-note`}
          name="note"
          maxLength={2000}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${id}-note-error` : undefined}
          className="w-full min-w-0 rounded border border-slate-300 px-3 py-2 aria-invalid:border-red-600"
        />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        Move
      </button>
      {errors.note && <p id={`${id}-note-error`} className="basis-full text-sm text-red-700">{errors.note.join(" ")}</p>}
      <div className="basis-full"><FormResult state={state} testId="move-result" /></div>
    </form>
  );
}
