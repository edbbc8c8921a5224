import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { shortDate } from "@/components/connections/request-table";
import { CreateWebhookForm, EnableWebhookForm, RotateWebhookSecretForm, SendTestWebhookForm } from "@/components/settings/webhook-forms";
import { Table, wideOnly } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { deleteWebhookAction } from "@/lib/webhooks/actions";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

type Endpoint = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** Why it is or is not receiving: a disabled creator pauses it before anything else counts. */
function StateBadge({ endpoint }: { endpoint: Endpoint }) {
  const [text, tone] = endpoint.paused
    ? ["Paused: its creator's account is disabled", "bg-amber-100 text-amber-900"]
    : endpoint.enabled
      ? ["Enabled", "bg-green-100 text-green-900"]
      : ["Disabled after 24 hours of failures", "bg-red-100 text-red-900"];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`} data-testid="webhook-state">{text}</span>;
}

export default async function WebhooksPage() {
  const actor = await requireActor("/settings/webhooks");
  // Webhooks belong to an organization, or to the platform for admins: nobody else has any.
  if (!actor.organization && !isAdmin(actor)) notFound();
  const endpoints = await listWebhookEndpoints(actor);
  const deliveries = await Promise.all(endpoints.map((endpoint) => listWebhookDeliveries(actor, endpoint.id, 10)));
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-2 text-sm text-slate-600">
          {actor.organization ? `${actor.organization.name}'s` : "The platform's"} connection-request events, POSTed as they happen and signed as the
          Standard Webhooks specification says (headers <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>).
        </p>
      </div>
      <CreateWebhookForm />
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">No endpoints yet.</p>
      ) : (
        endpoints.map((endpoint, index) => (
          <section key={endpoint.id} aria-label={`Endpoint ${endpoint.url}`} className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4" data-testid="webhook-endpoint">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 className="break-all font-medium">{endpoint.url}</h2>
              <StateBadge endpoint={endpoint} />
            </div>
            <p className="text-sm">{endpoint.events.join(", ")}</p>
            <p className="text-sm text-slate-600" data-testid="webhook-owner">
              Made by {endpoint.created_by.name} ({endpoint.created_by.email})
            </p>
            {endpoint.previous_secret_expires_at && (
              <p className="text-sm text-slate-600">The previous secret also signs until {shortDate(endpoint.previous_secret_expires_at)}.</p>
            )}
            <div className="flex flex-wrap items-start gap-3">
              <SendTestWebhookForm id={endpoint.id} />
              {!endpoint.enabled && <EnableWebhookForm id={endpoint.id} url={endpoint.url} />}
              <RotateWebhookSecretForm id={endpoint.id} url={endpoint.url} />
              <form action={deleteWebhookAction}>
                <input type="hidden" name="id" value={endpoint.id} />
                <button type="submit" className="rounded border border-red-300 px-2 py-1 text-sm text-red-700 hover:bg-red-50">
                  Delete<span className="sr-only"> {endpoint.url}</span>
                </button>
              </form>
            </div>
            {deliveries[index]!.length > 0 && (
              <Table caption={`Recent deliveries to ${endpoint.url}`} columns={[{ label: "Event" }, { label: "Time", wide: true }, { label: "Response", wide: true }, { label: "Attempts", wide: true }, { label: "State" }]}>
                {deliveries[index]!.map((delivery) => (
                  <tr key={delivery.id} className="border-b border-slate-100" data-testid="webhook-delivery">
                    <td className="px-3 py-2"><code>{delivery.type}</code></td>
                    <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(delivery.created_at)}</td>
                    <td className={`px-3 py-2 ${wideOnly}`}>{delivery.last_error ?? delivery.response_status ?? "—"}</td>
                    <td className={`px-3 py-2 ${wideOnly}`}>{delivery.attempts}</td>
                    <td className="px-3 py-2" title={delivery.last_error ?? undefined}>{delivery.status}</td>
                  </tr>
                ))}
              </Table>
            )}
          </section>
        ))
      )}
    </div>
  );
}
