import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const openApiDocument = buildOpenApiDocument();

// An independent JSON Schema 2020-12 validator (OpenAPI 3.1's dialect), fed the document's components.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: "doc", components: openApiDocument.components } as object);

function schemaFor(path: string, method: string, status: number, mediaType: string) {
  const operation = (openApiDocument.paths?.[path] as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }> | undefined)?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  const documented = operation.responses?.[String(status)];
  if (!documented) throw new Error(`${method.toUpperCase()} ${path} does not document status ${status}`);
  const schema = documented.content?.[mediaType]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no ${mediaType} schema`);
  // Point the document's internal references at the schema registered above.
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

/** Asserts a real response is documented for its route and matches the documented schema. */
export async function expectDocumented(response: Response, path: string, method: string) {
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
  if (response.status === 204) {
    schemaForStatusOnly(path, method, 204);
    return;
  }
  const body = await response.clone().json();
  const validate = ajv.compile(schemaFor(path, method, response.status, type));
  if (!validate(body)) {
    throw new Error(`${method.toUpperCase()} ${path} ${response.status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  }
}

function schemaForStatusOnly(path: string, method: string, status: number) {
  const operation = (openApiDocument.paths?.[path] as Record<string, { responses?: Record<string, unknown> }> | undefined)?.[method];
  if (!operation?.responses?.[String(status)]) throw new Error(`${method.toUpperCase()} ${path} does not document status ${status}`);
}
