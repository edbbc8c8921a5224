import { assertCanDecide, decideConnectionRequest } from "@/lib/connection-requests/decisions";
import { isJsonContentType, readJsonBody } from "@/lib/http/body";
import { ifMatchTags } from "@/lib/http/preconditions";
import { methodNotAllowed, noContent } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { approveConnectionRequestSchema } from "@/lib/schemas/connection-requests";

/**
 * POST .../request/{uuid}/approve/: admins only; 204, or 422 when already decided. The version
 * the admin read is optional (If-Match, else `{"version"}`): when the request changed since, 409
 * and nothing changes. `supplier_organization_uuid` optionally names the supplier organization
 * the connection is with. A body that is not JSON is ignored, as it always was.
 */
export const POST = timpRoute<{ uuid: string }>(async ({ request, params, actor }) => {
  assertCanDecide(actor);
  const body = isJsonContentType(request.headers.get("content-type")) ? await readJsonBody(request) : {};
  const { version, supplier_organization_uuid: supplierOrganizationId } = parseInput(approveConnectionRequestSchema, body);
  const versions = ifMatchTags(request.headers.get("if-match")) ?? (version === undefined ? undefined : [version]);
  await decideConnectionRequest(actor, params.uuid, { kind: "approve", supplierOrganizationId }, versions);
  return noContent();
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
