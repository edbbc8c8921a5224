import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listAuthorizedApps } from "@/lib/oauth/tokens";
import { revokeAuthorizationAction } from "@/lib/oauth/actions";

export const metadata: Metadata = { title: "Authorized apps" };

const when = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never");

export default async function AuthorizedAppsPage() {
  const actor = await requireActor("/settings/authorized-apps");
  const grants = await listAuthorizedApps(actor.userId);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Apps you have authorized</h1>
      {grants.length === 0 ? (
        <p className="text-sm" data-testid="empty-state">No app can act for you.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {grants.map((grant) => (
            <li key={grant.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-200 bg-white p-4 text-sm" data-testid="authorized-app">
              <div>
                <p className="font-medium">{grant.client.name}</p>
                <p>Scopes: {grant.scopes.join(", ")}</p>
                <p>Authorized {when(grant.createdAt)}; last used {when(grant.lastUsedAt)}</p>
              </div>
              <form action={revokeAuthorizationAction}>
                <input type="hidden" name="grantId" value={grant.id} />
                <button type="submit" className="rounded border border-red-300 px-3 py-1 text-red-700 hover:bg-red-50">
                  Revoke<span className="sr-only"> {grant.client.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
