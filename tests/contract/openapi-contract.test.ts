import { describe, it } from "vitest";
import { GET as dataTypes } from "@/app/api/data-types/route";
import { GET as health } from "@/app/api/health/route";
import { POST as introspect } from "@/app/api/oauth/introspect/route";
import { POST as token } from "@/app/api/oauth/token/route";
import { GET as requestOne } from "@/app/api/requests/[requestId]/route";
import { GET as listDataRequests, POST as createDataRequest } from "@/app/api/requests/route";
import { GET as connections } from "@/app/api/timp/organizations/connections/route";
import { GET as connectionOne, PATCH as connectionPatch } from "@/app/api/timp/organizations/connections/[uuid]/route";
import { POST as connectionConfirm } from "@/app/api/timp/organizations/connections/[uuid]/confirm/route";
import { POST as connectionDecline } from "@/app/api/timp/organizations/connections/[uuid]/decline/route";
import { POST as connectionDeactivate } from "@/app/api/timp/organizations/connections/[uuid]/deactivate/route";
import { PATCH as connectionFeed } from "@/app/api/timp/organizations/connections/[uuid]/integrations/[integration_uuid]/route";
import { POST as approve } from "@/app/api/timp/organizations/connections/request/[uuid]/approve/route";
import { GET as detail, PATCH as patch } from "@/app/api/timp/organizations/connections/request/[uuid]/route";
import { DELETE as deleteList, GET as list, POST as create } from "@/app/api/timp/organizations/connections/request/route";
import { POST as upload } from "@/app/api/timp/organizations/files/upload/route";
import { POST as login } from "@/app/api/timp/organizations/user-login/route";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { openDatabase } from "@/lib/db/connect";
import { approvedConnection } from "@/tests/support/connections";
import { bearerFor, jsonHeaders, person, validRequest } from "@/tests/support/fixtures";
import { registerApp } from "@/tests/support/oauth-harness";
import { expectDocumented } from "@/tests/support/openapi";
import { callRoute, withDatabase } from "@/tests/support/route";

const base = "/api/timp/organizations";
const post = (headers: Record<string, string>, body: unknown) => ({ method: "POST", headers: jsonHeaders(headers), body: JSON.stringify(body) });

describe("real responses match the OpenAPI document", () => {
  it("TIMP connection requests, for success and error cases", async () => {
    const [retailer, supplier, admin] = [await person(), await person({ type: "supplier" }), await person({ admin: true })];
    const listPath = `${base}/connections/request/`;
    await expectDocumented(await callRoute(list, listPath, { headers: retailer.auth }), listPath, "get");
    await expectDocumented(await callRoute(list, `${listPath}?limit=x`, { headers: retailer.auth }), listPath, "get");
    await expectDocumented(await callRoute(list, listPath), listPath, "get");
    // An unserved verb has no operation of its own: its 405 is documented with the path's operations.
    await expectDocumented(await callRoute(deleteList, listPath, { method: "DELETE", headers: retailer.auth }), listPath, "get");

    const created = await callRoute(create, listPath, post(retailer.auth, validRequest));
    await expectDocumented(created, listPath, "post");
    await expectDocumented(await callRoute(create, listPath, post(retailer.auth, {})), listPath, "post");
    await expectDocumented(await callRoute(create, listPath, post(supplier.auth, validRequest)), listPath, "post");
    await expectDocumented(await callRoute(create, listPath, { method: "POST", headers: { ...retailer.auth, "content-type": "text/plain" }, body: "x" }), listPath, "post");

    const { request_uuid: id } = await created.json();
    const detailPath = `${base}/connections/request/{uuid}/`;
    await expectDocumented(await callRoute(detail, `${listPath}${id}/`, { headers: retailer.auth }, { uuid: id }), detailPath, "get");
    await expectDocumented(await callRoute(detail, `${listPath}${crypto.randomUUID()}/`, { headers: retailer.auth }, { uuid: crypto.randomUUID() }), detailPath, "get");
    await expectDocumented(await callRoute(patch, `${listPath}${id}/`, { ...post(retailer.auth, { rules: "x" }), method: "PATCH" }, { uuid: id }), detailPath, "patch");

    const approvePath = `${base}/connections/request/{uuid}/approve/`;
    await expectDocumented(await callRoute(approve, approvePath, { method: "POST", headers: retailer.auth }, { uuid: id }), approvePath, "post");
    await expectDocumented(await callRoute(approve, approvePath, { method: "POST", headers: admin.auth }, { uuid: id }), approvePath, "post");
    await expectDocumented(await callRoute(approve, approvePath, { method: "POST", headers: admin.auth }, { uuid: id }), approvePath, "post");
    await expectDocumented(await callRoute(patch, `${listPath}${id}/`, { ...post(retailer.auth, { rules: "x" }), method: "PATCH" }, { uuid: id }), detailPath, "patch");

    await expectDocumented(await callRoute(connections, `${base}/connections/`, { headers: retailer.auth }), `${base}/connections/`, "get");
  });

  it("TIMP connections: one, account numbers, confirm, decline, deactivate, feeds, and their errors", async () => {
    const [retailer, supplier, stranger] = [await person(), await person({ type: "supplier" }), await person()];
    const { connection } = await approvedConnection(retailer, supplier);
    const { connection: other } = await approvedConnection(retailer, supplier);
    const id = connection.id;
    const path = (suffix = "") => `${base}/connections/{uuid}/${suffix}`;
    const as = (who: { auth: Record<string, string> }, method: string, body?: unknown) => ({ method, headers: jsonHeaders(who.auth), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const feedPath = `${base}/connections/{uuid}/integrations/{integration_uuid}/`;
    const feedOf = (c: typeof connection) => ({ uuid: c.id, integration_uuid: c.feeds[0]!.integrationId });

    await expectDocumented(await callRoute(connectionOne, "/x", { headers: retailer.auth }, { uuid: id }), path(), "get");
    await expectDocumented(await callRoute(connectionOne, "/x", { headers: stranger.auth }, { uuid: id }), path(), "get");
    await expectDocumented(await callRoute(connectionPatch, "/x", as(retailer, "PATCH", { retailers_supplier_account_number: "V-1" }), { uuid: id }), path(), "patch");
    await expectDocumented(await callRoute(connectionPatch, "/x", as(retailer, "PATCH", { suppliers_retailer_account_number: "V-1" }), { uuid: id }), path(), "patch");
    await expectDocumented(await callRoute(connectionPatch, "/x", as(retailer, "PATCH", { nope: 1 }), { uuid: id }), path(), "patch");
    await expectDocumented(await callRoute(connectionFeed, "/x", as(retailer, "PATCH", { phase: "testing" }), feedOf(connection)), feedPath, "patch");
    await expectDocumented(await callRoute(connectionConfirm, "/x", as(retailer, "POST"), { uuid: id }), path("confirm/"), "post");
    await expectDocumented(await callRoute(connectionConfirm, "/x", as(supplier, "POST"), { uuid: id }), path("confirm/"), "post");
    await expectDocumented(await callRoute(connectionConfirm, "/x", as(supplier, "POST"), { uuid: id }), path("confirm/"), "post");
    await expectDocumented(await callRoute(connectionFeed, "/x", as(retailer, "PATCH", { phase: "testing" }), feedOf(connection)), feedPath, "patch");
    await expectDocumented(await callRoute(connectionFeed, "/x", as(retailer, "PATCH", { phase: "done" }), feedOf(connection)), feedPath, "patch");
    await expectDocumented(await callRoute(connectionDecline, "/x", as(supplier, "POST", {}), { uuid: other.id }), path("decline/"), "post");
    await expectDocumented(await callRoute(connectionDecline, "/x", as(supplier, "POST", { reason: "No." }), { uuid: other.id }), path("decline/"), "post");
    await expectDocumented(await callRoute(connectionDeactivate, "/x", as(retailer, "POST", { reason: "Ended." }), { uuid: id }), path("deactivate/"), "post");
    await expectDocumented(await callRoute(connectionDeactivate, "/x", as(retailer, "POST", { reason: "Again." }), { uuid: id }), path("deactivate/"), "post");
    await expectDocumented(await callRoute(connections, `${base}/connections/?limit=1`, { headers: supplier.auth }), `${base}/connections/`, "get");
  });

  it("TIMP login and uploads", async () => {
    const retailer = await person();
    const loginPath = `${base}/user-login/`;
    await expectDocumented(await callRoute(login, loginPath, post({}, { username: retailer.email, password: "a long test password" })), loginPath, "post");
    await expectDocumented(await callRoute(login, loginPath, post({}, { username: retailer.email, password: "wrong" })), loginPath, "post");
    await expectDocumented(await callRoute(login, loginPath, post({}, {})), loginPath, "post");

    const form = new FormData();
    form.append("file", new Blob(["a,b\n"]), "a.csv");
    const uploadPath = `${base}/files/upload/`;
    await expectDocumented(await callRoute(upload, uploadPath, { method: "POST", headers: retailer.auth, body: form }), uploadPath, "post");
    await expectDocumented(await callRoute(upload, uploadPath, { method: "POST", headers: retailer.auth, body: new FormData() }), uploadPath, "post");
  });

  it("data requests, data types and their errors", async () => {
    const who = await person();
    const { auth } = await bearerFor(who.id);
    const readOnly = await bearerFor(who.id, ["requests:read"]);
    await expectDocumented(await callRoute(listDataRequests, "/api/requests", { headers: auth }), "/api/requests", "get");
    await expectDocumented(await callRoute(listDataRequests, "/api/requests"), "/api/requests", "get");
    const created = await callRoute(createDataRequest, "/api/requests", post(auth, { dataRequested: ["profile"] }));
    await expectDocumented(created, "/api/requests", "post");
    await expectDocumented(await callRoute(createDataRequest, "/api/requests", post(auth, { dataRequested: ["nope"] })), "/api/requests", "post");
    await expectDocumented(await callRoute(createDataRequest, "/api/requests", post(readOnly.auth, { dataRequested: ["profile"] })), "/api/requests", "post");
    const { requestId } = await created.json();
    await expectDocumented(await callRoute(requestOne, `/api/requests/${requestId}`, { headers: auth }, { requestId }), "/api/requests/{requestId}", "get");
    await expectDocumented(await callRoute(requestOne, "/api/requests/x", { headers: auth }, { requestId: "x" }), "/api/requests/{requestId}", "get");
    await expectDocumented(await callRoute(dataTypes, "/api/data-types", { headers: auth }), "/api/data-types", "get");
  });

  it("OAuth token and introspection responses", async () => {
    const who = await person();
    const app = await registerApp((await actorForApiToken(who.token))!);
    const basic = { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" };
    const issued = await callRoute(token, "/api/oauth/token", { method: "POST", headers: basic, body: "grant_type=client_credentials" });
    await expectDocumented(issued, "/api/oauth/token", "post");
    await expectDocumented(await callRoute(token, "/api/oauth/token", { method: "POST", headers: basic, body: "grant_type=password" }), "/api/oauth/token", "post");
    await expectDocumented(await callRoute(token, "/api/oauth/token", { method: "POST", headers: { ...basic, authorization: "Basic eDp5" }, body: "grant_type=client_credentials" }), "/api/oauth/token", "post");
    const { access_token } = await issued.json();
    await expectDocumented(await callRoute(introspect, "/api/oauth/introspect", { method: "POST", headers: basic, body: `token=${access_token}` }), "/api/oauth/introspect", "post");
  });

  it("health, up and down", async () => {
    await expectDocumented(await callRoute(health, "/api/health"), "/api/health", "get");
    const unreachable = openDatabase({ engine: "postgres", url: "postgres://postgres@127.0.0.1:1/none" });
    await withDatabase(unreachable, async () => expectDocumented(await callRoute(health, "/api/health"), "/api/health", "get"));
    await unreachable.close();
  });
});
