import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { shortEventName } from "../events/types";

/** What each event says to the people told of it. */
const sentences: Record<string, (subject: string) => string> = {
  "connection_request.submitted": (subject) => `New connection request: ${subject}`,
  "connection_request.resubmitted": (subject) => `Resubmitted for review: ${subject}`,
  "connection_request.changes_requested": (subject) => `Changes requested: ${subject}`,
  "connection_request.approved": (subject) => `Approved: ${subject}`,
  "connection_request.rejected": (subject) => `Rejected: ${subject}`,
  "data_request.completed": (subject) => `Your copy is ready: ${subject}`,
  "data_request.failed": (subject) => `We could not build your copy: ${subject}`,
  "data_request.expiring": (subject) => `Your download expires soon: ${subject}`,
  "data_request.expired": (subject) => `Your download has expired: ${subject}`,
};

/** Unread notifications of the actor: the header's count. */
export function unreadNotificationCount(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

/** The actor's own notifications, newest first, a page at a time. */
export async function listNotifications(actor: Actor, page: { start: number; limit: number; unreadOnly?: boolean }) {
  const where = { userId: actor.userId, ...(page.unreadOnly ? { readAt: null } : {}) };
  const [total, rows] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({
      where,
      // Events fanned out together share a createdAt: their sequence says which happened last.
      orderBy: [{ createdAt: "desc" }, { event: { sequence: "desc" } }],
      skip: page.start,
      take: page.limit,
      include: {
        event: {
          select: {
            type: true,
            message: true,
            createdAt: true,
            connectionRequestId: true,
            dataRequestId: true,
            connectionRequest: { select: { supplierName: true, organization: { select: { name: true } } } },
            dataRequest: { select: { dataTypes: true } },
          },
        },
      },
    }),
  ]);
  const isAdmin = actor.role === "admin";
  return {
    total,
    notifications: rows.map(({ id, readAt, event }) => {
      const request = event.connectionRequest;
      const subject = request ? (isAdmin ? `${request.organization.name} → ${request.supplierName}` : request.supplierName) : (event.dataRequest?.dataTypes.join(", ") ?? "");
      return {
        id,
        read: readAt !== null,
        at: event.createdAt.toISOString(),
        event: shortEventName(event.type),
        text: (sentences[event.type] ?? ((s: string) => s))(subject),
        message: event.message,
        href: event.connectionRequestId
          ? isAdmin
            ? `/admin/approvals/${event.connectionRequestId}`
            : `/connections/${event.connectionRequestId}`
          : "/requests",
      };
    }),
  };
}

/** Marks the actor's own notifications read: the given ones, or all. Another person's ids change nothing. */
export async function markNotificationsRead(actor: Actor, ids: string[] | "all", now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: now },
  });
  return count;
}

/** Opening a request's page reads what the actor was told about it. */
export async function markReadFor(actor: Actor, subject: { connectionRequestId: string } | { dataRequests: true }, now = new Date()) {
  const event = "connectionRequestId" in subject ? { connectionRequestId: subject.connectionRequestId } : { dataRequestId: { not: null } };
  await db.notification.updateMany({ where: { userId: actor.userId, readAt: null, event }, data: { readAt: now } });
}
