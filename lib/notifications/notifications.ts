import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { eventSpec, shortEventName } from "../events/catalogue";

/** Unread counts stop here: the header shows "99+", and counting never walks more rows than that. */
export const unreadCountCap = 100;

/** Unread notifications of the actor, counted up to `unreadCountCap`: the header's badge. */
export function unreadNotificationCount(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null }, take: unreadCountCap });
}

/** How a capped unread count reads: "99+" past 99. */
export const unreadLabel = (count: number) => (count >= unreadCountCap ? `${unreadCountCap - 1}+` : String(count));

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
            connectionId: true,
            dataRequestId: true,
            connectionRequest: { select: { supplierName: true, organization: { select: { name: true } } } },
            connection: { select: { supplierName: true, retailerOrganization: { select: { name: true } } } },
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
      // A connection's events read like its request's: the retailer → the supplier it asked for.
      const request = event.connectionRequest ?? (event.connection && { supplierName: event.connection.supplierName, organization: event.connection.retailerOrganization });
      const subject = request ? (isAdmin ? `${request.organization.name} → ${request.supplierName}` : request.supplierName) : (event.dataRequest?.dataTypes.join(", ") ?? "");
      return {
        id,
        read: readAt !== null,
        at: event.createdAt.toISOString(),
        event: shortEventName(event.type),
        text: eventSpec(event.type)?.notification?.(subject) ?? subject,
        message: event.message,
        href: event.connectionRequestId
          ? isAdmin
            ? `/admin/approvals/${event.connectionRequestId}`
            : `/connections/${event.connectionRequestId}`
          : event.connectionId
            ? `/partners/${event.connectionId}`
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

/** What a page is about: a connection request, a connection, or the person's data requests. */
export type ReadSubject = { connectionRequestId: string } | { connectionId: string } | { dataRequests: true };

/** Opening a request's (or a connection's) page reads what the actor was told about it; how many were marked read. */
export async function markReadFor(actor: Actor, subject: ReadSubject, now = new Date()): Promise<number> {
  const event =
    "connectionRequestId" in subject
      ? { connectionRequestId: subject.connectionRequestId }
      : "connectionId" in subject
        ? { connectionId: subject.connectionId }
        : { dataRequestId: { not: null } };
  const { count } = await db.notification.updateMany({ where: { userId: actor.userId, readAt: null, event }, data: { readAt: now } });
  return count;
}
