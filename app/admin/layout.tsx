import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth/session";

/**
 * Admin pages answer 404 to everyone else before anything streams. Each page and every action
 * still checks for itself: a layout is not an authorization boundary.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin("/admin/approvals");
  return children;
}
