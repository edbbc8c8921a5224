import { apiRoute, json } from "@/lib/http/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /api/openapi.json: the OpenAPI 3.1 document, built once from the zod schemas. */
export const GET = apiRoute("plain", async () => {
  document ??= buildOpenApiDocument();
  return json(document, { headers: { "Cache-Control": "public, max-age=300" } });
});
