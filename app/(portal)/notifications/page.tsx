import type { Metadata } from "next";
import Link from "next/link";
import { shortDate } from "@/components/connections/request-table";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/session";
import { markReadAction } from "@/lib/notifications/actions";
import { listNotifications } from "@/lib/notifications/notifications";
import { firstValues, listPageQuerySchema } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: PageProps<"/notifications">) {
  const actor = await requireActor("/notifications");
  const { page, size } = listPageQuerySchema.parse(firstValues(await searchParams));
  const { notifications, total } = await listNotifications(actor, { start: (page - 1) * size, limit: size });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        {notifications.some((notification) => !notification.read) && (
          <form action={markReadAction}>
            <input type="hidden" name="all" value="1" />
            <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">Mark all as read</button>
          </form>
        )}
      </div>
      {total === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center">Nothing yet: decisions, change requests and ready downloads will show up here.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {notifications.map((notification) => (
            <li
              key={notification.id}
              data-testid="notification"
              data-read={notification.read}
              className={`flex flex-wrap items-start justify-between gap-3 rounded border p-3 text-sm ${notification.read ? "border-slate-200 bg-white" : "border-brand-600 bg-brand-50"}`}
            >
              <div>
                <p>
                  {!notification.read && <span className="sr-only">Unread: </span>}
                  <Link href={notification.href} className="font-medium text-brand-700 underline">{notification.text}</Link>
                </p>
                {notification.message && <p className="mt-1 whitespace-pre-wrap text-slate-700">“{notification.message}”</p>}
                <p className="mt-1 text-slate-600">{shortDate(notification.at)}</p>
              </div>
              {!notification.read && (
                <form action={markReadAction}>
                  <input type="hidden" name="id" value={notification.id} />
                  <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">Mark as read</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {total > 0 && <Pagination basePath="/notifications" params={{}} page={page} size={size} total={total} />}
    </div>
  );
}
