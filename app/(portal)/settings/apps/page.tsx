import type { Metadata } from "next";
import { RegisterAppForm, RotateSecretForm } from "@/components/settings/app-forms";
import { AppWebhookForm } from "@/components/settings/webhook-forms";
import { requireActor } from "@/lib/auth/session";
import { listOwnOAuthClients } from "@/lib/oauth/clients";
import { deleteAppAction } from "@/lib/oauth/actions";

export const metadata: Metadata = { title: "OAuth apps" };

export default async function OAuthAppsPage() {
  const actor = await requireActor("/settings/apps");
  const apps = await listOwnOAuthClients(actor);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Your OAuth apps</h1>
      <p className="text-sm text-slate-600">
        Apps use the authorization code flow with PKCE; metadata at <code>/.well-known/oauth-authorization-server</code>.
      </p>
      <RegisterAppForm />
      <ul className="flex flex-col gap-3">
        {apps.map((app) => (
          <li key={app.id} className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-4 text-sm" data-testid="oauth-app">
            <p className="font-medium">{app.name} <span className="text-slate-500">({app.type})</span></p>
            <p>Client id: <code data-testid="client-id">{app.clientId}</code></p>
            <p>Redirect URIs: {app.redirectUris.join(", ")}</p>
            {app.type === "confidential" && <RotateSecretForm id={app.id} name={app.name} />}
            <AppWebhookForm id={app.id} name={app.name} url={app.webhook?.url ?? null} />
            <form action={deleteAppAction}>
              <input type="hidden" name="id" value={app.id} />
              <button type="submit" className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50">Delete<span className="sr-only"> {app.name}</span></button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
