import { env } from "@/lib/env";
import { submitUpload } from "@/lib/files/files";
import { readUpload } from "@/lib/files/multipart";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";

/** POST /timp/organizations/files/upload/: multipart `file` (+ optional `filename`); 201 `{"uuid"}`. */
export const POST = timpRoute(async ({ request, actor }) => {
  const upload = await readUpload(request, env().UPLOAD_MAX_BYTES);
  const result = await submitUpload(actor, upload, request.headers.get("idempotency-key"));
  return json(result.body, { status: result.status });
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
