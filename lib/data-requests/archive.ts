import "server-only";
import { strToU8, zipSync, type Zippable } from "fflate";
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
  const entries: Zippable = {};
  const listed: string[] = [];
  for (const type of request.dataTypes) {
    const collect = collectors[type];
    if (!collect) throw new Error(`No collector for data type "${type}"`);
    const { json, files } = await collect(client, request.userId);
    entries[`${type}.json`] = strToU8(JSON.stringify(json, (_key, value) => (value instanceof Date ? iso(value) : value), 2));
    listed.push(`- ${type}.json`);
    for (const [path, bytes] of Object.entries(files ?? {})) {
      entries[path] = bytes;
      listed.push(`- ${path}`);
    }
  }
  entries["README.txt"] = strToU8(
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
  );
  return zipSync(entries, { level: 6, mtime: now });
}
