/**
 * The entity tags of an If-Match header (RFC 9110 §13.1.1), quotes and `W/` dropped, so clients
 * may send a version bare or as an ETag. Undefined when there is no condition: no header, or `*`
 * (any current version).
 */
export function ifMatchTags(header: string | null): string[] | undefined {
  if (header === null) return undefined;
  const tags = header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1").trim())
    .filter(Boolean);
  if (tags.length === 0 || tags.includes("*")) return undefined;
  return tags;
}
