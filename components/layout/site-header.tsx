import Link from "next/link";
import { isAdmin } from "@/lib/auth/actor";
import { navigationFor } from "@/lib/auth/navigation";
import { getActor } from "@/lib/auth/session";
import { unreadLabel, unreadNotificationCount } from "@/lib/notifications/notifications";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { MenuToggle } from "./menu-toggle";

/** The navigation shows only what the signed-in person may use; on a phone it folds into a menu. */
export async function SiteHeader() {
  const actor = await getActor();
  const unread = actor ? await unreadNotificationCount(actor) : 0;
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-brand-700">
          Crux Requests
        </Link>
        {actor ? (
          <>
            <Link href="/notifications" className="ml-auto text-sm hover:underline lg:order-2" data-testid="notifications-link">
              Notifications
              {unread > 0 && (
                <span className="ml-1 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
                  {unreadLabel(unread)}
                  <span className="sr-only"> unread</span>
                </span>
              )}
            </Link>
            <MenuToggle>
              <ul className="flex flex-col gap-3 text-sm lg:order-1 lg:flex-row lg:gap-5">
                {navigationFor(actor).map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className="hover:underline">{link.label}</Link>
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap items-center gap-3 text-sm lg:order-3">
                <span data-testid="signed-in-as">
                  {actor.name}
                  {actor.organization ? ` · ${actor.organization.name}` : isAdmin(actor) ? " · Platform admin" : ""}
                </span>
                <SignOutButton />
              </div>
            </MenuToggle>
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
