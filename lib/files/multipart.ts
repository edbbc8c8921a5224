import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "../http/errors";

export interface ParsedUpload {
  bytes: Buffer;
  /** The name from the optional `filename` field, else the part's own file name. */
  name: string;
}

/** Non-file fields (`filename`) are short: each is held in memory whole, so each is capped. */
export const maxFieldBytes = 1024;
/** What multipart framing (boundaries, part headers, a few fields) may add to the file's bytes. */
const framingBytes = 64 * 1024;

/**
 * Reads `multipart/form-data` with a `file` part (and an optional `filename` field), enforcing
 * `maxBytes` while streaming: an oversized file is refused before it is read to the end, and
 * nothing of it is kept. The whole body is capped too (file, framing, ignored parts), counted as
 * it arrives: a Content-Length may be absent (chunked) or lie, so it is only an early refusal.
 */
export async function readUpload(request: Request, maxBytes: number): Promise<ParsedUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("unsupported_media_type", `Unsupported media type "${contentType || "none"}" in request: send multipart/form-data.`);
  }
  const tooLarge = () => new AppError("payload_too_large", `The file exceeds the limit of ${maxBytes} bytes.`);
  const maxBodyBytes = maxBytes + framingBytes;
  if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) throw tooLarge();
  if (!request.body) throw new AppError("validation", "Invalid input.", { fieldErrors: { file: ["No file was submitted."] } });

  return new Promise<ParsedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy has one size for every text field, and `file` may be one (below): the field size is
      // the upload limit, other fields are refused past maxFieldBytes, and the body cap bounds all.
      parser = busboy({ headers: { "content-type": contentType }, limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: maxBytes + 1 } });
    } catch {
      reject(new AppError("bad_request", "Malformed multipart body."));
      return;
    }
    const chunks: Buffer[] = [];
    let partName: string | undefined;
    let fieldName: string | undefined;
    let sawFile = false;
    let failed: AppError | undefined;
    const source = Readable.fromWeb(request.body as unknown as NodeReadableStream);

    const fail = (error: AppError) => {
      failed ??= error;
      source.unpipe(parser);
      source.destroy();
      reject(failed);
    };

    parser.on("file", (name, stream, info) => {
      if (name !== "file" || sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      partName = info.filename;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(tooLarge()));
    });
    parser.on("field", (name, value, info) => {
      // The mirrored API's own upload example sends `file` as a text field (curl -F "file=…"):
      // its value is the file's content, taken up to the upload limit like a file part.
      if (name === "file" && !sawFile) {
        if (info.valueTruncated) return fail(tooLarge());
        sawFile = true;
        chunks.push(Buffer.from(value, "utf8"));
        return;
      }
      if (Buffer.byteLength(value) > maxFieldBytes) return fail(new AppError("payload_too_large", `Form fields other than file may have at most ${maxFieldBytes} bytes ("${name.slice(0, 40)}" has more).`));
      if (name === "filename") fieldName = value;
    });
    parser.on("error", () => fail(new AppError("bad_request", "Malformed multipart body.")));
    parser.on("close", () => {
      if (failed) return;
      if (!sawFile) {
        reject(new AppError("validation", "Invalid input.", { fieldErrors: { file: ["No file was submitted."] } }));
        return;
      }
      const bytes = Buffer.concat(chunks);
      if (bytes.byteLength === 0) {
        reject(new AppError("validation", "Invalid input.", { fieldErrors: { file: ["The submitted file is empty."] } }));
        return;
      }
      resolve({ bytes, name: fieldName?.trim() || partName || "upload" });
    });
    let received = 0;
    source.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > maxBodyBytes) fail(tooLarge());
    });
    source.on("error", () => fail(new AppError("bad_request", "The upload was interrupted.")));
    source.pipe(parser);
  });
}
