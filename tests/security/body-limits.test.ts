import { describe, expect, it } from "vitest";
import { POST as createDataRequest } from "@/app/api/requests/route";
import { POST as introspect } from "@/app/api/oauth/introspect/route";
import { POST as revoke } from "@/app/api/oauth/revoke/route";
import { POST as token } from "@/app/api/oauth/token/route";
import { POST as reject } from "@/app/api/timp/organizations/connections/request/[uuid]/reject/route";
import { PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { POST as create } from "@/app/api/timp/organizations/connections/request/route";
import { POST as upload } from "@/app/api/timp/organizations/files/upload/route";
import { POST as login } from "@/app/api/timp/organizations/user-login/route";
import { db } from "@/lib/db/client";
import { bearerFor, person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";

const overMiB = "x".repeat(1024 * 1024 + 1);

describe("every route that reads a body caps it", () => {
  it("answers 413 over 1 MiB (uploads: over 10 MiB) and stores nothing", async () => {
    const [retailer, admin] = [await person(), await person({ admin: true })];
    const { auth } = await bearerFor(retailer.id);
    const request = await db.connectionRequest.create({
      data: { organizationId: retailer.organizationId!, requestedById: retailer.id, supplierName: "Cap", contactFullName: "C" },
    });
    const json = (headers: Record<string, string>) => ({ method: "POST", headers: { ...headers, "content-type": "application/json" }, body: overMiB });
    const formBody = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `token=${overMiB}` };
    const cases: [string, Promise<Response>][] = [
      ["user-login", callRoute(login, "/x", json({}))],
      ["create", callRoute(create, "/x", json(retailer.auth))],
      ["patch", callRoute(patch, "/x", { ...json(retailer.auth), method: "PATCH" }, { uuid: request.id })],
      ["reject", callRoute(reject, "/x", json(admin.auth), { uuid: request.id })],
      ["data request", callRoute(createDataRequest, "/x", json(auth))],
      ["token", callRoute(token, "/x", formBody)],
      ["revoke", callRoute(revoke, "/x", formBody)],
      ["introspect", callRoute(introspect, "/x", formBody)],
      ["upload", callRoute(upload, "/x", { method: "POST", headers: { ...retailer.auth, "content-type": "multipart/form-data; boundary=b", "content-length": String(11 * 1024 * 1024) }, body: "--b--" })],
    ];
    for (const [name, pending] of cases) {
      const response = await pending;
      expect(response.status, name).toBe(413);
      expect(await response.json(), name).toBeTypeOf("object");
    }
    expect((await db.connectionRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    expect(await db.connectionRequest.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);
    expect(await db.dataRequest.count({ where: { userId: retailer.id } })).toBe(0);
  });
});

describe("uploads count the bytes they read, whatever the headers say", () => {
  const boundary = "cap-boundary";
  const part = (name: string, content: Buffer, filename?: string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n${filename ? "Content-Type: text/plain\r\n" : ""}\r\n`),
      content,
      Buffer.from("\r\n"),
    ]);
  const multipart = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  /** The body in 64 KiB chunks with no Content-Length: chunked transfer, as a streaming client sends it. */
  const chunked = (body: Buffer) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < body.length; offset += 64 * 1024) controller.enqueue(new Uint8Array(body.subarray(offset, offset + 64 * 1024)));
        controller.close();
      },
    });
  const send = (auth: Record<string, string>, body: BodyInit, headers: Record<string, string> = {}) =>
    callRoute(upload, "/x", { method: "POST", headers: { ...auth, "content-type": `multipart/form-data; boundary=${boundary}`, ...headers }, body, duplex: "half" } as Parameters<typeof callRoute>[2]);
  // A small file, but 11 MiB in all: an ignored text field makes the body too large.
  const padded = () => multipart(part("padding", Buffer.alloc(11 * 1024 * 1024, 120)), part("file", Buffer.from("sku,qty\n"), "items.csv"));

  it("answers 413 past the cap on a chunked body and stores nothing", async () => {
    const retailer = await person();
    const response = await send(retailer.auth, chunked(padded()));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: "The file exceeds the limit of 10485760 bytes." });
    expect(await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } })).toBe(0);
  });

  it("answers 413 past the cap when the Content-Length understates the body", async () => {
    const retailer = await person();
    const response = await send(retailer.auth, chunked(padded()), { "content-length": "2048" });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: "The file exceeds the limit of 10485760 bytes." });
    expect(await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } })).toBe(0);
  });

  it("takes a file sent as a text field, as the mirrored API's example does, and keeps every other field to 1 KiB", async () => {
    const retailer = await person();
    const inline = await send(retailer.auth, chunked(multipart(part("file", Buffer.alloc(200 * 1024, 97)), part("filename", Buffer.from("inline.csv")))));
    expect(inline.status).toBe(201);
    const stored = await db.uploadedFile.findUniqueOrThrow({ where: { id: (await inline.json()).uuid } });
    expect(stored).toMatchObject({ name: "inline.csv", size: 200 * 1024 });

    const longName = await send(retailer.auth, chunked(multipart(part("filename", Buffer.alloc(1025, 97)), part("file", Buffer.from("a,b\n1,2\n"), "x.csv"))));
    expect(longName.status).toBe(413);
    expect(await longName.json()).toEqual({ detail: 'Form fields other than file may have at most 1024 bytes ("filename" has more).' });
    const ignored = await send(retailer.auth, chunked(multipart(part("note", Buffer.alloc(4096, 97)), part("file", Buffer.from("a,b\n1,2\n"), "x.csv"))));
    expect(ignored.status).toBe(413);
    expect(await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);
  });
});
