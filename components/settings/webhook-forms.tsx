"use client";

import { useActionState } from "react";
import { Field, SubmitButton } from "@/components/ui/field";
import { SecretOnce } from "./secret-once";
import type { FormState } from "@/lib/forms";
import { createWebhookAction, enableWebhookAction, rotateWebhookSecretAction, sendTestWebhookAction, setAppWebhookAction, type WebhookSecretState } from "@/lib/webhooks/actions";
import { webhookEventTypes } from "@/lib/schemas/choices";

const Shown = ({ state }: { state: WebhookSecretState }) => <SecretOnce state={state} label="Signing secret" testId="webhook-secret" />;

export function CreateWebhookForm() {
  const [state, action, pending] = useActionState<WebhookSecretState, FormData>(createWebhookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" aria-labelledby="add-webhook">
      <h2 id="add-webhook" className="text-lg font-medium">Add an endpoint</h2>
      <Field label="URL" name="url" type="url" required errors={errors.url} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">Events</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="events" value={type} defaultChecked /> <code>{type}</code>
          </label>
        ))}
        {errors.events && <p className="text-sm text-red-700">{errors.events.join(" ")}</p>}
      </fieldset>
      <div aria-live="polite"><Shown state={state} /></div>
      <div><SubmitButton pending={pending}>Add endpoint</SubmitButton></div>
    </form>
  );
}

export function RotateWebhookSecretForm({ id, url }: { id: string; url: string }) {
  const [state, action, pending] = useActionState<WebhookSecretState, FormData>(rotateWebhookSecretAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="self-start rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        Rotate secret<span className="sr-only"> of {url}</span>
      </button>
      <div aria-live="polite"><Shown state={state} /></div>
    </form>
  );
}

const buttonClass = "self-start rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100";

/** What a one-button form answered: the limit reached, or what it did. */
function Answer({ state }: { state: FormState }) {
  if (!state?.message) return null;
  return <p className={`text-sm ${state.ok ? "text-green-800" : "text-red-700"}`}>{state.message}</p>;
}

/** Queues a test event; a few per endpoint per hour, and the answer says when the limit is reached. */
export function SendTestWebhookForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(sendTestWebhookAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className={buttonClass}>Send a test event</button>
      <div aria-live="polite"><Answer state={state} /></div>
    </form>
  );
}

/** Turns a disabled endpoint back on without a new secret; the last 24 hours' deliveries are sent again. */
export function EnableWebhookForm({ id, url }: { id: string; url: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(enableWebhookAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Enable<span className="sr-only"> {url}</span>
      </button>
      <div aria-live="polite"><Answer state={state} /></div>
    </form>
  );
}

/** An OAuth app's webhook: where the data-request events of the people who authorized it go. */
export function AppWebhookForm({ id, name, url }: { id: string; name: string; url: string | null }) {
  const [state, action, pending] = useActionState<WebhookSecretState, FormData>(setAppWebhookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <Field
        label={`Webhook URL of ${name}`}
        id={`webhook-${id}`}
        name="url"
        type="url"
        defaultValue={url ?? ""}
        hint="data_request.completed, .failed, .expiring and .expired of the people who authorized this app; empty to remove."
        errors={errors.url}
      />
      <div><SubmitButton pending={pending}>Save webhook</SubmitButton></div>
      <div aria-live="polite"><Shown state={state} /></div>
    </form>
  );
}
