import { describe, expect, it } from "vitest";
import { GET as download } from "@/app/api/timp/organizations/files/[uuid]/route";
import { db } from "@/lib/db/client";
import { person, type Person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import { POST } from "@/app/api/timp/organizations/files/upload/route";

const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

function upload(who: Person, parts: { bytes?: Uint8Array; partName?: string; type?: string; filename?: string }, headers: Record<string, string> = {}) {
  const form = new FormData();
  if (parts.bytes) form.append("file", new Blob([new Uint8Array(parts.bytes)], { type: parts.type ?? "text/plain" }), parts.partName ?? "sample.csv");
  if (parts.filename !== undefined) form.append("filename", parts.filename);
  return callRoute(POST, "/api/timp/organizations/files/upload/", { method: "POST", headers: { ...who.auth, ...headers }, body: form });
}
const get = (who: Person, id: string) => callRoute(download, `/api/timp/organizations/files/${id}/`, { headers: who.auth }, { uuid: id });

describe("file upload and download", () => {
  it("stores a file for the organization and serves it back as an attachment", async () => {
    const retailer = await person();
    const response = await upload(retailer, { bytes: Buffer.from("sku,qty\nA1,3\n"), filename: "items.csv" });
    expect(response.status).toBe(201);
    const { uuid } = await response.json();
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);

    const file = await get(retailer, uuid);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("sku,qty\nA1,3\n");
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="items.csv"; filename*=UTF-8''items.csv`);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
  });

  it("decides the type from the content, not the client's claim", async () => {
    const retailer = await person();
    const pngId = (await (await upload(retailer, { bytes: png, type: "text/html", partName: "x.html" })).json()).uuid;
    expect((await get(retailer, pngId)).headers.get("content-type")).toBe("image/png");

    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const htmlId = (await (await upload(retailer, { bytes: html, type: "text/html", partName: "page.html" })).json()).uuid;
    const served = await get(retailer, htmlId);
    expect(served.headers.get("content-type")).not.toMatch(/html/);
    expect(served.headers.get("content-disposition")).toMatch(/^attachment;/);

    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const svgId = (await (await upload(retailer, { bytes: svg, type: "image/svg+xml", partName: "x.svg" })).json()).uuid;
    expect((await get(retailer, svgId)).headers.get("content-type")).not.toMatch(/svg|xml/);
  });

  it("keeps hostile names as data only", async () => {
    const retailer = await person();
    const name = `../../etc/passwd\u0000\u0007${"x".repeat(400)}`;
    const { uuid } = await (await upload(retailer, { bytes: Buffer.from("a"), filename: name })).json();
    const stored = await db.uploadedFile.findUniqueOrThrow({ where: { id: uuid } });
    expect(stored.name.startsWith("../../etc/passwd")).toBe(true);
    expect(stored.name).not.toMatch(/[\u0000-\u001f]/);
    expect(stored.name.length).toBe(255);
    const disposition = (await get(retailer, uuid)).headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="\.\._\.\._etc_passwd/);
  });

  it("refuses a file over the limit with 413 and stores nothing", async () => {
    const retailer = await person();
    const response = await upload(retailer, { bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    expect(response.status).toBe(413);
    expect((await response.json()).detail).toMatch(/exceeds the limit of 10485760 bytes/);
    expect(await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } })).toBe(0);
  });

  it("names a missing or empty file, and refuses a body that is not multipart", async () => {
    const retailer = await person();
    const none = await upload(retailer, { filename: "x" });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ file: ["No file was submitted."] });
    const empty = await upload(retailer, { bytes: new Uint8Array() });
    expect(await empty.json()).toEqual({ file: ["The submitted file is empty."] });
    const json = await callRoute(POST, "/api/timp/organizations/files/upload/", {
      method: "POST",
      headers: { ...retailer.auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
  });

  it("serves a file to its organization and admins only", async () => {
    const [retailer, other, admin] = [await person(), await person(), await person({ admin: true })];
    const { uuid } = await (await upload(retailer, { bytes: Buffer.from("secret") })).json();
    expect((await get(other, uuid)).status).toBe(404);
    expect((await get(admin, uuid)).status).toBe(200);
    expect((await get(retailer, "../../etc/passwd")).status).toBe(404);
  });

  it("stores once per Idempotency-Key", async () => {
    const retailer = await person();
    const key = { "idempotency-key": crypto.randomUUID() };
    const first = await (await upload(retailer, { bytes: Buffer.from("one") }, key)).json();
    const second = await (await upload(retailer, { bytes: Buffer.from("one") }, key)).json();
    expect(second).toEqual(first);
    expect((await upload(retailer, { bytes: Buffer.from("two") }, key)).status).toBe(422);
    expect(await db.uploadedFile.count({ where: { organizationId: retailer.organizationId! } })).toBe(1);
  });
});
