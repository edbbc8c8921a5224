import Link from "next/link";
import { isAdmin } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";

/** The navigation shows only what the signed-in person may use. */
export async function SiteHeader() {
  const actor = await getActor();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-brand-700">
          Crux Requests
        </Link>
        {actor ? (
          <>
            <ul className="flex flex-wrap gap-4 text-sm">
              {actor.organization && (
                <li>
                  <Link href="/connections" className="hover:underline">Connection requests</Link>
                </li>
              )}
              <li>
                <Link href="/requests" className="hover:underline">Your data</Link>
              </li>
              <li>
                <Link href="/settings/tokens" className="hover:underline">API tokens</Link>
              </li>
              <li>
                <Link href="/settings/apps" className="hover:underline">OAuth apps</Link>
              </li>
              <li>
                <Link href="/settings/authorized-apps" className="hover:underline">Authorized apps</Link>
              </li>
              {isAdmin(actor) && (
                <>
                  <li>
                    <Link href="/admin/approvals" className="hover:underline">Approvals</Link>
                  </li>
                  <li>
                    <Link href="/admin/data-requests" className="hover:underline">Data queue</Link>
                  </li>
                </>
              )}
            </ul>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span data-testid="signed-in-as">
                {actor.name}
                {actor.organization ? ` · ${actor.organization.name}` : isAdmin(actor) ? " · Platform admin" : ""}
              </span>
              <SignOutButton />
            </div>
          </>
        ) : (
          <div className="ml-auto flex gap-4 text-sm">
            <Link href="/signin" className="hover:underline">Sign in</Link>
            <Link href="/register" className="hover:underline">Register</Link>
          </div>
        )}
      </nav>
    </header>
  );
}
