import { fileTypeFromBuffer } from "file-type";

// Types a browser could run or render as a page: stored as opaque bytes, never served as such.
const activeTypes = new Set([
  "text/html",
  "application/xhtml+xml",
  "image/svg+xml",
  "application/xml",
  "text/xml",
  "application/javascript",
  "text/javascript",
  "application/x-msdownload",
  "application/x-elf",
  "application/x-mach-binary",
  "application/x-sh",
  "application/wasm",
]);

/**
 * The type of an upload as its content shows it (magic numbers via file-type), never the
 * client's claim. Text that is not a known format is plain text; anything else unknown is bytes.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return activeTypes.has(detected.mime) ? "application/octet-stream" : detected.mime;
  return looksLikeText(bytes) ? "text/plain; charset=utf-8" : "application/octet-stream";
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.byteLength < bytes.byteLength ? sample.subarray(0, sample.byteLength - 4) : sample);
    return true;
  } catch {
    return false;
  }
}

/** A stored name made safe for a Content-Disposition header (RFC 6266 with an RFC 5987 form). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_").replace(/[/]/g, "_") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Names are data, never paths: control characters go, length is capped. */
export function cleanFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return cleaned || "upload";
}
