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
