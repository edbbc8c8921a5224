import "server-only";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import yazl from "yazl";
import type { Db, Tx } from "../db/connect";
import { cleanFileName } from "../files/content-type";

type Client = Db | Tx;
type Collector = (client: Client, userId: string) => Promise<{ json: unknown; files?: Record<string, Uint8Array> }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * What each data type holds about a person. Secrets never leave: password, token, client-secret
 * and code hashes are not selected.
 */
const collectors: Record<string, Collector> = {
  async profile(client, userId) {
    const user = await client.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, firstName: true, lastName: true, phone: true, jobTitle: true, role: true, status: true, createdAt: true, updatedAt: true },
    });
    return { json: user };
  },
  async organization(client, userId) {
    const user = await client.user.findUniqueOrThrow({
      where: { id: userId },
      select: { organization: { select: { id: true, name: true, type: true, accountNumber: true, createdAt: true } } },
    });
    return { json: user.organization };
  },
  async connection_requests(client, userId) {
    const requests = await client.connectionRequest.findMany({
      where: { requestedById: userId },
      orderBy: { requestDate: "asc" },
      include: { integrations: { orderBy: { position: "asc" } }, files: { select: { fileId: true } } },
    });
    return { json: requests };
  },
  async uploaded_files(client, userId) {
    const files = await client.uploadedFile.findMany({ where: { uploadedById: userId }, orderBy: { createdAt: "asc" }, omit: { content: false } });
    const contents: Record<string, Uint8Array> = {};
    const json = files.map(({ content, ...meta }) => {
      const path = `uploaded_files/${meta.id}/${cleanFileName(meta.name).replace(/[/\\]/g, "_")}`;
      contents[path] = content;
      return { ...meta, archivePath: path };
    });
    return { json, files: contents };
  },
  async api_tokens(client, userId) {
    const tokens = await client.apiToken.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
    });
    return { json: tokens };
  },
  async oauth_authorizations(client, userId) {
    const grants = await client.oAuthGrant.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, client: { select: { clientId: true, name: true } } },
    });
    return { json: grants };
  },
  async activity(client, userId) {
    const events = await client.auditEvent.findMany({
      where: { OR: [{ actorId: userId }, { subjectUserId: userId }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, action: true, targetType: true, targetId: true, fromState: true, toState: true, details: true, createdAt: true, actorId: true },
    });
    return { json: events.map((event) => ({ ...event, byYou: event.actorId === userId, actorId: undefined })) };
  },
};

export const archivableTypes = Object.keys(collectors);

/** A ZIP with one JSON file per requested data type, any file contents, and a README. */
export async function buildArchive(client: Client, request: { id: string; userId: string; dataTypes: string[]; createdAt: Date }, now: Date) {
  const entries = new Map<string, Uint8Array>();
  const listed: string[] = [];
  for (const type of request.dataTypes) {
    const collect = collectors[type];
    if (!collect) throw new Error(`No collector for data type "${type}"`);
    const { json, files } = await collect(client, request.userId);
    entries.set(`${type}.json`, Buffer.from(JSON.stringify(json, (_key, value) => (value instanceof Date ? iso(value) : value), 2)));
    listed.push(`- ${type}.json`);
    for (const [path, bytes] of Object.entries(files ?? {})) {
      entries.set(path, bytes);
      listed.push(`- ${path}`);
    }
  }
  entries.set(
    "README.txt",
    Buffer.from(
      [
        "Copy of your data",
        "",
        `Request ${request.id}, filed ${request.createdAt.toISOString()}, built ${now.toISOString()}.`,
        `Data types: ${request.dataTypes.join(", ")}.`,
        "",
        "Contents:",
        ...listed,
        "",
        "Secrets (passwords, token values, client secrets) are never included.",
        "",
      ].join("\n"),
    ),
  );
  return zip(entries, now);
}

const chunkBytes = 64 * 1024;

function* chunksOf(bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    yield Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(chunkBytes, bytes.byteLength - offset));
  }
}

/**
 * Streams the entries through Node's zlib, which deflates on libuv's thread pool, in 64 KiB
 * chunks: building a large archive never holds the event loop, so the instance keeps serving.
 */
async function zip(entries: Map<string, Uint8Array>, mtime: Date): Promise<Uint8Array<ArrayBuffer>> {
  const archive = new yazl.ZipFile();
  for (const [path, bytes] of entries) {
    archive.addReadStream(Readable.from(chunksOf(bytes)), path, { mtime, size: bytes.byteLength, compressionLevel: 6 });
  }
  archive.end();
  const bytes = await buffer(archive.outputStream); // Buffer.concat: never a SharedArrayBuffer
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}
