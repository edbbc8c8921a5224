"use client";

import { useActionState, useId, useState } from "react";
import { saveConnectionRequestAction } from "@/lib/connection-requests/actions";
import { Field, SubmitButton } from "@/components/ui/field";
import { integrationTypes, type IntegrationType } from "@/lib/schemas/choices";
import type { FormState } from "@/lib/forms";
import { CronField } from "./cron-field";
import { FileUploader, type UploadedFileRef } from "./file-uploader";

export interface IntegrationDraft {
  key: string;
  record_uuid?: string;
  type: IntegrationType;
  update_frequency: string;
  file_locations: string;
  file_specs: string;
  rules: string;
}

export interface RequestDraft {
  organization_name: string;
  primary_contact_name: string;
  primary_contact_phone: string;
  primary_contact_email: string;
  organization_account_number: string;
  additional_information: string;
  integrations: IntegrationDraft[];
  uploaded_files: UploadedFileRef[];
}

const newIntegration = (): IntegrationDraft => ({
  key: crypto.randomUUID(),
  type: "item",
  update_frequency: "0 2 * * *",
  file_locations: "",
  file_specs: "",
  rules: "",
});

/** The API's JSON for the draft: the server validates it with the API's own schema. */
function toPayload(draft: RequestDraft) {
  return {
    ...draft,
    integrations: draft.integrations.map(({ key: _key, ...integration }) => integration),
    uploaded_files: draft.uploaded_files.map((file) => file.uuid),
  };
}

export function RequestForm({ initial, requestId, maxUploadBytes }: { initial?: RequestDraft; requestId?: string; maxUploadBytes: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveConnectionRequestAction, null);
  const [draft, setDraft] = useState<RequestDraft>(
    initial ?? {
      organization_name: "",
      primary_contact_name: "",
      primary_contact_phone: "",
      primary_contact_email: "",
      organization_account_number: "",
      additional_information: "",
      integrations: [newIntegration()],
      uploaded_files: [],
    },
  );
  const formId = useId();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setIntegration = (index: number, patch: Partial<IntegrationDraft>) =>
    set("integrations", draft.integrations.map((integration, i) => (i === index ? { ...integration, ...patch } : integration)));
  const text = (key: "organization_name" | "primary_contact_name" | "primary_contact_phone" | "primary_contact_email" | "organization_account_number") => ({
    name: key,
    value: draft[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(key, event.target.value),
    errors: errors[key],
  });

  return (
    <form action={action} className="flex flex-col gap-6" noValidate>
      <input type="hidden" name="payload" value={JSON.stringify(toPayload(draft))} />
      {requestId && <input type="hidden" name="requestId" value={requestId} />}
      <div aria-live="polite" className="min-h-6 text-sm text-red-700" data-testid="form-error">
        {state && !state.ok ? state.message : null}
      </div>

      <fieldset className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 font-medium">Supplier</legend>
        <Field label="Supplier name" required {...text("organization_name")} />
        <Field label="Account number with the supplier" {...text("organization_account_number")} />
        <Field label="Contact name" required {...text("primary_contact_name")} />
        <Field label="Contact e-mail" type="email" {...text("primary_contact_email")} />
        <Field label="Contact phone" type="tel" {...text("primary_contact_phone")} />
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label htmlFor={`${formId}-info`} className="text-sm font-medium">Additional information</label>
          <textarea
            id={`${formId}-info`}
            value={draft.additional_information}
            onChange={(event) => set("additional_information", event.target.value)}
            rows={3}
            className="rounded border border-slate-300 px-3 py-2"
          />
          {errors.additional_information && <p className="text-sm text-red-700">{errors.additional_information.join(" ")}</p>}
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-medium">Integrations</legend>
        {errors.integrations && <p className="text-sm text-red-700">{errors.integrations.join(" ")}</p>}
        {draft.integrations.map((integration, index) => {
          const id = `${formId}-integration-${integration.key}`;
          const fieldErrors = (field: string) => errors[`integrations[${index}].${field}`];
          return (
            <section key={integration.key} aria-label={`Integration ${index + 1}`} className="grid gap-3 rounded border border-slate-100 p-3 sm:grid-cols-2" data-testid="integration">
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-type`} className="text-sm font-medium">Type</label>
                <select
                  id={`${id}-type`}
                  value={integration.type}
                  onChange={(event) => setIntegration(index, { type: event.target.value as IntegrationType })}
                  className="rounded border border-slate-300 px-3 py-2"
                >
                  {integrationTypes.map((type) => (
                    <option key={type} value={type}>{type}</option>
                  ))}
                </select>
              </div>
              <CronField id={`${id}-cron`} value={integration.update_frequency} onChange={(value) => setIntegration(index, { update_frequency: value })} errors={fieldErrors("update_frequency")} />
              {(["file_locations", "file_specs", "rules"] as const).map((field) => (
                <div key={field} className="flex flex-col gap-1">
                  <label htmlFor={`${id}-${field}`} className="text-sm font-medium">
                    {{ file_locations: "File locations (one per line)", file_specs: "File specs", rules: "Rules" }[field]}
                  </label>
                  <textarea
                    id={`${id}-${field}`}
                    value={integration[field]}
                    onChange={(event) => setIntegration(index, { [field]: event.target.value })}
                    rows={2}
                    className="rounded border border-slate-300 px-3 py-2"
                  />
                  {fieldErrors(field) && <p className="text-sm text-red-700">{fieldErrors(field)!.join(" ")}</p>}
                </div>
              ))}
              <div className="sm:col-span-2">
                <button
                  type="button"
                  onClick={() => set("integrations", draft.integrations.filter((_, i) => i !== index))}
                  className="text-sm text-red-700 underline"
                >
                  Remove integration {index + 1}
                </button>
              </div>
            </section>
          );
        })}
        <button
          type="button"
          onClick={() => set("integrations", [...draft.integrations, newIntegration()])}
          className="self-start rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
        >
          Add integration
        </button>
      </fieldset>

      <fieldset className="rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-medium">Files</legend>
        <FileUploader files={draft.uploaded_files} onChange={(files) => set("uploaded_files", files)} maxBytes={maxUploadBytes} errors={errors.uploaded_files} />
      </fieldset>

      <div>
        <SubmitButton pending={pending}>{requestId ? "Save changes" : "Submit request"}</SubmitButton>
      </div>
    </form>
  );
}
