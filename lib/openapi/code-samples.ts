import type { Body, JsonSchema, Operation } from "./reference";

/**
 * Request examples for one operation in the four forms the mirrored API's documentation gives:
 * curl, HTTPie, Python (requests) and Node.js. Each is a complete program a person can paste
 * after putting in their own token; the e2e suite runs the curl and Node ones against the app.
 */

export const tokenPlaceholder = "YOUR_TOKEN";
const exampleUuid = "0b9c4e0e-8c53-4a55-9a3e-2a4f6f1d7c11";

export interface CodeSample {
  language: "curl" | "HTTPie" | "Python (requests)" | "Node.js";
  code: string;
}

interface RequestShape {
  method: string;
  url: string;
  headers: [string, string][];
  json?: unknown;
  form?: [string, string][];
  file?: boolean;
}

export function codeSamples(operation: Operation, origin: string): CodeSample[] {
  const request = exampleRequest(operation, origin);
  return [
    { language: "curl", code: curl(request) },
    { language: "HTTPie", code: httpie(request) },
    { language: "Python (requests)", code: python(request) },
    { language: "Node.js", code: node(request) },
  ];
}

function exampleRequest(operation: Operation, origin: string): RequestShape {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, parameter.name === "nextauth" ? "session" : exampleUuid);
    if (parameter.in === "query" && parameter.required) query.set(parameter.name, String(sample(parameter.schema, parameter.name)));
  }
  const headers: [string, string][] = [];
  if (operation.auth === "token") headers.push(["Authorization", `Token ${tokenPlaceholder}`]);
  if (operation.auth === "bearer") headers.push(["Authorization", `Bearer ${tokenPlaceholder}`]);
  const url = `${origin.replace(/\/$/, "")}${path}${query.size ? `?${query}` : ""}`;
  const body = operation.requestBody;
  if (!body) return { method: operation.method, url, headers };
  if (body.contentType === "multipart/form-data") return { method: operation.method, url, headers, file: true };
  if (body.contentType === "application/x-www-form-urlencoded") return { method: operation.method, url, headers, form: formFields(body) };
  headers.push(["Content-Type", "application/json; charset=utf-8"]);
  return { method: operation.method, url, headers, json: body.example ?? sample(body.schema, "body") };
}

function formFields(body: Body): [string, string][] {
  const example = body.example as Record<string, string> | undefined;
  if (example) return Object.entries(example);
  const required = new Set(body.schema.required ?? []);
  return Object.entries(body.schema.properties ?? {})
    .filter(([name]) => required.has(name))
    .map(([name, schema]) => [name, String(sample(schema, name))]);
}

/** A plausible value for a schema: its first enum value, an e-mail for e-mails, required fields only. */
function sample(schema: JsonSchema, name: string): unknown {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return sample(options.find((option) => option.type !== "null") ?? options[0]!, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "object" || schema.properties) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => required.has(key)).map(([key, value]) => [key, sample(value, key)]));
  }
  if (type === "array") return schema.items && (schema.minItems ?? 0) > 0 ? [sample(schema.items, name)] : [];
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (schema.format === "uuid") return exampleUuid;
  if (schema.format === "email" || name.includes("email")) return "you@example.com";
  if (schema.format === "uri" || name.includes("url") || name.includes("uri")) return "https://example.com/callback";
  return name;
}

/** A shell word in single quotes: nothing in it is expanded. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'"'"'`)}'`;
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function curl(request: RequestShape): string {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of request.headers) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (request.json !== undefined) lines.push(`  -d ${shellQuote(pretty(request.json))}`);
  for (const [name, value] of request.form ?? []) lines.push(`  --data-urlencode ${shellQuote(`${name}=${value}`)}`);
  if (request.file) lines.push(`  -F 'file=@sample.csv'`);
  return lines.join(" \\\n");
}

function httpie(request: RequestShape): string {
  const mode = request.file ? "--multipart " : request.form ? "--form " : "";
  const lines = [`http ${mode}${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of request.headers) if (name !== "Content-Type") lines.push(`  ${shellQuote(`${name}:${value}`)}`);
  for (const [name, value] of request.form ?? []) lines.push(`  ${shellQuote(`${name}=${value}`)}`);
  if (request.file) lines.push(`  'file@sample.csv'`);
  if (request.json !== undefined) lines.push(`  --raw ${shellQuote(JSON.stringify(request.json))}`);
  return lines.join(" \\\n");
}

/** A JSON value as a Python literal. */
function pythonLiteral(value: unknown, indent = ""): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${indent}    ${pythonLiteral(item, `${indent}    `)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([key, item]) => `${indent}    ${JSON.stringify(key)}: ${pythonLiteral(item, `${indent}    `)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function python(request: RequestShape): string {
  const lines = ["# pip install requests", "import requests", ""];
  if (request.file) lines.push(`with open("sample.csv", "rb") as file:`);
  const indent = request.file ? "    " : "";
  lines.push(`${indent}response = requests.request(`, `${indent}    ${JSON.stringify(request.method)},`, `${indent}    ${JSON.stringify(request.url)},`);
  const headers = request.headers.filter(([name]) => name !== "Content-Type");
  if (headers.length) lines.push(`${indent}    headers=${pythonLiteral(Object.fromEntries(headers), `${indent}    `)},`);
  if (request.json !== undefined) lines.push(`${indent}    json=${pythonLiteral(request.json, `${indent}    `)},`);
  if (request.form) lines.push(`${indent}    data=${pythonLiteral(Object.fromEntries(request.form), `${indent}    `)},`);
  if (request.file) lines.push(`${indent}    files={"file": file},`);
  lines.push(`${indent})`, `print(response.status_code)`, `print(response.text)`);
  return lines.join("\n");
}

function node(request: RequestShape): string {
  const lines = ["// Node.js 22 or later: fetch is built in. Save as example.mjs and run `node example.mjs`."];
  if (request.file) lines.push(`import { openAsBlob } from "node:fs";`, "", "const body = new FormData();", `body.append("file", await openAsBlob("sample.csv"), "sample.csv");`);
  const options: string[] = [`  method: ${JSON.stringify(request.method)},`];
  if (request.headers.length) options.push(`  headers: ${JSON.stringify(Object.fromEntries(request.headers), null, 2).replaceAll("\n", "\n  ")},`);
  if (request.json !== undefined) options.push(`  body: JSON.stringify(${pretty(request.json).replaceAll("\n", "\n  ")}),`);
  if (request.form) options.push(`  body: new URLSearchParams(${JSON.stringify(Object.fromEntries(request.form), null, 2).replaceAll("\n", "\n  ")}),`);
  if (request.file) options.push("  body,");
  lines.push(`const response = await fetch(${JSON.stringify(request.url)}, {`, ...options, "});", "console.log(response.status);", "console.log(await response.text());");
  return lines.join("\n");
}
