import "server-only";
import { buildOpenApiDocument } from "./document";

/**
 * The API reference's content, read from the OpenAPI document the API is generated with, so the
 * page at /docs cannot drift from what the routes accept and answer. Rendered on the server: no
 * script, no font, nothing from another origin.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

export interface Body {
  contentType: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface ResponseDoc {
  status: string;
  description: string;
  body?: Body;
}

export type Auth = "token" | "bearer" | "session" | "none";

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  auth: Auth;
  scopes: string[];
  parameters: Parameter[];
  requestBody?: Body;
  responses: ResponseDoc[];
}

export interface Section {
  tag: string;
  operations: Operation[];
}

export interface Reference {
  title: string;
  description: string;
  sections: Section[];
}

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema; example?: unknown }> }>;
};

let cached: Reference | undefined;

/** The reference, built once per process: the document only changes with a deploy. */
export function apiReference(): Reference {
  cached ??= buildReference();
  return cached;
}

function buildReference(): Reference {
  const document = buildOpenApiDocument() as unknown as {
    info: { title: string; description: string };
    paths: Record<string, Record<string, OpenApiOperation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const resolve = resolver(document.components.schemas);
  const sections = new Map<string, Operation[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      // Every path is served with and without a trailing slash; the document lists both, the page one.
      if (operation.operationId.endsWith("WithSlash")) continue;
      const tag = operation.tags?.[0] ?? "Other";
      if (!sections.has(tag)) sections.set(tag, []);
      sections.get(tag)!.push(toOperation(method, path, operation, resolve));
    }
  }
  return {
    title: document.info.title,
    description: document.info.description,
    sections: [...sections].map(([tag, operations]) => ({ tag, operations })),
  };
}

function toOperation(method: string, path: string, operation: OpenApiOperation, resolve: (schema: JsonSchema) => JsonSchema): Operation {
  const security = operation.security ?? [];
  const schemes = security.flatMap((requirement) => Object.keys(requirement));
  const auth: Auth = schemes.includes("TokenAuth") ? "token" : schemes.includes("OAuth2") || schemes.includes("MetricsToken") ? "bearer" : schemes.includes("SessionCookie") ? "session" : "none";
  const body = (content?: Record<string, { schema?: JsonSchema; example?: unknown }>): Body | undefined => {
    const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
    if (!contentType || !media) return undefined;
    return { contentType, schema: resolve(media.schema ?? {}), example: media.example };
  };
  return {
    id: operation.operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? sentenceOf(operation.operationId),
    description: operation.description,
    auth,
    scopes: security.flatMap((requirement) => requirement.OAuth2 ?? []),
    parameters: (operation.parameters ?? []).map((parameter) => ({ ...parameter, required: parameter.required ?? false, schema: resolve(parameter.schema) })),
    requestBody: body(operation.requestBody?.content),
    responses: Object.entries(operation.responses).map(([status, response]) => ({ status, description: response.description, body: body(response.content) })),
  };
}

/** `createDataRequest` → "Create data request.": a summary for operations the document gives none. */
function sentenceOf(operationId: string): string {
  const words = operationId.replaceAll(/([A-Z])/g, " $1").toLowerCase().trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/** Inlines `#/components/schemas/…` references; a schema that contains itself stops at its name. */
function resolver(components: Record<string, JsonSchema>) {
  const resolve = (schema: JsonSchema, seen: string[] = []): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.split("/").pop()!;
      if (seen.includes(name)) return { type: "object", description: `A ${name}, as above.` };
      return resolve(components[name] ?? {}, [...seen, name]);
    }
    const result: JsonSchema = { ...schema };
    if (schema.properties) result.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(value, seen)]));
    if (schema.items) result.items = resolve(schema.items, seen);
    for (const key of ["anyOf", "oneOf", "allOf"] as const) if (schema[key]) result[key] = schema[key]!.map((option) => resolve(option, seen));
    if (typeof schema.additionalProperties === "object") result.additionalProperties = resolve(schema.additionalProperties, seen);
    return result;
  };
  return (schema: JsonSchema) => resolve(schema);
}

/** A short type name for a schema: `string (uuid)`, `integer`, `array of Integration`, `string or null`. */
export function typeLabel(schema: JsonSchema): string {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return [...new Set(options.map(typeLabel))].join(" or ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? (schema.properties ? "object" : "any"));
  if (type === "array") return `array of ${schema.items ? typeLabel(schema.items) : "any"}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

/** The nested object schema a field leads to, if any (through arrays and nullable unions). */
export function objectWithin(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  if (schema.items) return objectWithin(schema.items);
  for (const option of schema.anyOf ?? schema.oneOf ?? []) {
    const found = objectWithin(option);
    if (found) return found;
  }
  return undefined;
}

/** The limits a person would want to know before sending a value. */
export function constraints(schema: JsonSchema): string[] {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.flatMap(constraints);
  const notes: string[] = [];
  if (schema.enum) notes.push(`one of ${schema.enum.map((value) => JSON.stringify(value)).join(", ")}`);
  if (schema.minLength !== undefined && schema.minLength > 0) notes.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) notes.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) notes.push(`from ${schema.minimum}`);
  if (schema.maximum !== undefined) notes.push(`up to ${schema.maximum}`);
  if (schema.minItems !== undefined && schema.minItems > 0) notes.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) notes.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  return notes;
}
