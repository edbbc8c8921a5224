import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { shortDate } from "@/components/connections/request-table";
import { CreateWebhookForm, RotateWebhookSecretForm } from "@/components/settings/webhook-forms";
import { Table, wideOnly } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { deleteWebhookAction, sendTestWebhookAction } from "@/lib/webhooks/actions";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

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
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${endpoint.enabled ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900"}`}>
                {endpoint.enabled ? "Enabled" : "Disabled after 24 hours of failures"}
              </span>
            </div>
            <p className="text-sm">{endpoint.events.join(", ")}</p>
            <div className="flex flex-wrap items-start gap-3">
              <form action={sendTestWebhookAction}>
                <input type="hidden" name="id" value={endpoint.id} />
                <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">Send a test event</button>
              </form>
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
                    <td className={`px-3 py-2 ${wideOnly}`}>{delivery.response_status ?? (delivery.last_error ? "no answer" : "—")}</td>
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
