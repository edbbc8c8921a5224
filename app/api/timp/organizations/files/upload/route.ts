import { env } from "@/lib/env";
import { storeUpload } from "@/lib/files/files";
import { readUpload } from "@/lib/files/multipart";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { fingerprint, withIdempotency } from "@/lib/idempotency";

/** POST /timp/organizations/files/upload/: multipart `file` (+ optional `filename`); 201 `{"uuid"}`. */
export const POST = timpRoute(async ({ request, actor }) => {
  const upload = await readUpload(request, env().UPLOAD_MAX_BYTES);
  const result = await withIdempotency(
    {
      key: request.headers.get("idempotency-key"),
      scope: `${actor.userId}:upload-file`,
      fingerprint: fingerprint(upload.name, upload.bytes),
    },
    async (tx) => ({ status: 201, body: await storeUpload(tx, actor, upload) }),
  );
  return json(result.body, { status: result.status });
});

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
