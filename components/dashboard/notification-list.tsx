import Link from "next/link";
import { Empty } from "./card";

/** The first unread notifications, each a link to what it is about. */
export function UnreadNotifications({ notifications }: { notifications: { id: string; text: string; href: string; message: string | null }[] }) {
  if (notifications.length === 0) return <Empty>You are all caught up.</Empty>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100 text-sm">
      {notifications.map((notification) => (
        <li key={notification.id} className="py-2">
          <Link href={notification.href} className="font-medium text-brand-700 underline">{notification.text}</Link>
          {notification.message && <p className="mt-1 line-clamp-2 text-slate-700">“{notification.message}”</p>}
        </li>
      ))}
    </ul>
  );
}
