import { exportOrganizationRequests } from "@/lib/connection-requests/export";
import { csvAttachment } from "@/lib/http/route";
import { sessionRoute } from "@/lib/http/session-route";
import { listPageQuerySchema } from "@/lib/schemas/portal";

/** GET /connections/export: the organization's requests as CSV, with the list's filters (`status`, `q`). */
export const GET = sessionRoute(async ({ request, actor }) => {
  const filter = listPageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const { csv, fileName } = exportOrganizationRequests(actor, filter);
  return csvAttachment(csv, fileName);
});
