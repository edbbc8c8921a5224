import { exportApprovalQueue } from "@/lib/connection-requests/export";
import { csvAttachment } from "@/lib/http/route";
import { sessionRoute } from "@/lib/http/session-route";
import { listPageQuerySchema } from "@/lib/schemas/portal";

/** GET /admin/approvals/export: the approval queue as CSV, as filtered (`status`, `organization`, `q`). Admins only. */
export const GET = sessionRoute(async ({ request, actor }) => {
  const filter = listPageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const { csv, fileName } = exportApprovalQueue(actor, filter);
  return csvAttachment(csv, fileName);
});
