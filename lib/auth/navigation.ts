import { isAdmin, type Actor } from "./actor";

export interface NavigationLink {
  href: string;
  label: string;
}

/** The portal's sections a person may use, in menu order: the navigation shows only these. */
export function navigationFor(actor: Actor): NavigationLink[] {
  return [
    ...(actor.organization ? [{ href: "/connections", label: "Connection requests" }] : []),
    // The connections approvals created: both sides' members work them; admins see them all.
    ...(actor.organization || isAdmin(actor) ? [{ href: "/partners", label: "Connections" }] : []),
    ...(actor.organization ? [{ href: "/settings/team", label: "Team" }] : []),
    { href: "/requests", label: "Your data" },
    ...(isAdmin(actor)
      ? [
          { href: "/admin/approvals", label: "Approvals" },
          { href: "/admin/data-requests", label: "Data queue" },
          { href: "/admin/people", label: "People" },
          { href: "/admin/organizations", label: "Organizations" },
          { href: "/admin/audit", label: "Audit log" },
        ]
      : []),
    { href: "/settings", label: "Settings" },
    { href: "/docs", label: "API docs" },
  ];
}

/** The settings pages, shown as tabs on each of them. */
export function settingsNavigationFor(actor: Actor): NavigationLink[] {
  return [
    ...(actor.organization ? [{ href: "/settings/team", label: "Team" }] : []),
    { href: "/settings/security", label: "Security" },
    { href: "/settings/tokens", label: "API tokens" },
    { href: "/settings/apps", label: "OAuth apps" },
    { href: "/settings/authorized-apps", label: "Authorized apps" },
    ...(actor.organization || isAdmin(actor) ? [{ href: "/settings/webhooks", label: "Webhooks" }] : []),
  ];
}
