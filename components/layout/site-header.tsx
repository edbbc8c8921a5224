import Link from "next/link";
import { isAdmin } from "@/lib/auth/actor";
import { navigationFor } from "@/lib/auth/navigation";
import { getActor } from "@/lib/auth/session";
import { unreadNotificationCount } from "@/lib/notifications/notifications";
import { SignOutButton } from "@/components/auth/sign-out-button";

/** The navigation shows only what the signed-in person may use. */
export async function SiteHeader() {
  const actor = await getActor();
  const unread = actor ? await unreadNotificationCount(actor) : 0;
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-brand-700">
          Crux Requests
        </Link>
        {actor ? (
          <>
            <ul className="flex flex-wrap gap-4 text-sm">
              {navigationFor(actor).map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="hover:underline">{link.label}</Link>
                </li>
              ))}
            </ul>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <Link href="/notifications" className="hover:underline" data-testid="notifications-link">
                Notifications
                {unread > 0 && (
                  <span className="ml-1 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
                    {unread}
                    <span className="sr-only"> unread</span>
                  </span>
                )}
              </Link>
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
