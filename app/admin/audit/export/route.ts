import { exportAuditLog } from "@/lib/admin/audit-log";
import { csvAttachment } from "@/lib/http/route";
import { sessionRoute } from "@/lib/http/session-route";
import { auditLogFilterSchema } from "@/lib/schemas/admin";

/** GET /admin/audit/export: the audit log as CSV, as filtered (`actor`, `action`, `subject`, `from`, `to`). Admins only. */
export const GET = sessionRoute(async ({ request, actor }) => {
  const filter = auditLogFilterSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const { csv, fileName } = exportAuditLog(actor, filter);
  return csvAttachment(csv, fileName);
});
