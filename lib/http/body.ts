import { AppError } from "./errors";

/** All request headers together: room for several long values (10 KB tokens) but no more. */
export const maxHeaderBytes = 128 * 1024;

/** Bodies of JSON endpoints: 1 MiB at most (uploads have their own limit). */
export const maxJsonBytes = 1024 * 1024;

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads a request body up to `maxBytes`, stopping as soon as it is exceeded (a declared
 * Content-Length over the limit is refused before reading anything).
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `Request body exceeds the limit of ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The JSON body of a request, or `{}` when there is none. A body of another type is a 415,
 * malformed JSON a 400, never a 500.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxJsonBytes);
  if (bytes.byteLength === 0) return {};
  if (!isJsonContentType(request.headers.get("content-type"))) {
    const type = request.headers.get("content-type") ?? "none";
    throw new AppError("unsupported_media_type", `Unsupported media type "${type}" in request: send application/json.`);
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new AppError("bad_request", `JSON parse error - ${(error as Error).message}`);
  }
}

/**
 * An `application/x-www-form-urlencoded` body, as OAuth endpoints take them (RFC 6749 §3.2). A
 * parameter sent twice is refused: which one would count is ambiguous.
 */
export async function readFormBody(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("bad_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  const form = new URLSearchParams(new TextDecoder().decode(await readBodyBytes(request, maxJsonBytes)));
  const names = [...form.keys()];
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new AppError("bad_request", `The parameter "${repeated}" is repeated.`);
  return form;
}
