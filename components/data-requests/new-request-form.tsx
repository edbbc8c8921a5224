"use client";

import { useActionState, useState } from "react";
import { createDataRequestAction } from "@/lib/data-requests/actions";
import { SubmitButton } from "@/components/ui/field";
import type { FormState } from "@/lib/forms";

export function NewDataRequestForm({ types }: { types: { id: string; title: string; description: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createDataRequestAction, null);
  const [selected, setSelected] = useState<string[]>([]);
  const all = selected.length === types.length;
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex flex-col gap-4 rounded border border-slate-200 bg-white p-4">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-lg font-medium">Ask for a copy of your data</legend>
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" checked={all} onChange={() => setSelected(all ? [] : types.map((type) => type.id))} />
          Select all
        </label>
        {types.map((type) => (
          <label key={type.id} className="flex items-start gap-2">
            <input
              type="checkbox"
              name="dataRequested"
              value={type.id}
              checked={selected.includes(type.id)}
              onChange={(event) => setSelected(event.target.checked ? [...selected, type.id] : selected.filter((id) => id !== type.id))}
              className="mt-1"
              aria-describedby={`type-${type.id}`}
            />
            <span>
              <span className="font-medium">{type.title}</span>
              <span id={`type-${type.id}`} className="block text-sm text-slate-600">{type.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div aria-live="polite" className="min-h-6 text-sm" data-testid="data-request-result">
        {state ? <span className={state.ok ? "text-green-800" : "text-red-700"}>{state.message}</span> : null}
        {errors.dataRequested && <span className="block text-red-700">{errors.dataRequested.join(" ")}</span>}
      </div>
      <div>
        <SubmitButton pending={pending}>Request my data</SubmitButton>
      </div>
    </form>
  );
}
