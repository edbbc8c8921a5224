import { isAdmin, type Actor } from "./actor";

/** The portal's sections a person may use, in menu order: the navigation shows only these. */
export function navigationFor(actor: Actor): { href: string; label: string }[] {
  return [
    ...(actor.organization ? [{ href: "/connections", label: "Connection requests" }] : []),
    { href: "/requests", label: "Your data" },
    { href: "/settings/tokens", label: "API tokens" },
    { href: "/settings/apps", label: "OAuth apps" },
    { href: "/settings/authorized-apps", label: "Authorized apps" },
    ...(actor.organization || isAdmin(actor) ? [{ href: "/settings/webhooks", label: "Webhooks" }] : []),
    ...(isAdmin(actor)
      ? [
          { href: "/admin/approvals", label: "Approvals" },
          { href: "/admin/data-requests", label: "Data queue" },
        ]
      : []),
    { href: "/docs", label: "API docs" },
  ];
}
