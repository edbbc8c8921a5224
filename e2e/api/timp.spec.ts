import { expect, test, type APIRequestContext } from "@playwright/test";
import { rawRequest } from "../support/http";

const base = "/api/timp/organizations";

async function login(request: APIRequestContext, username = "alice@acme-retail.example") {
  const response = await request.post(`${base}/user-login/`, { data: { username, password: "demo-password" } });
  expect(response.status()).toBe(200);
  return (await response.json()).auth_token as string;
}

test.describe("TIMP API over HTTP, as the seed's clients call it", () => {
  test("GET with a JSON body, as the seed's Node.js and HTTPie examples send it", async ({ request, baseURL }) => {
    const token = await login(request);
    const headers = { Authorization: `Token ${token}`, "Content-Type": "application/json; charset=utf-8" };
    const empty = await rawRequest(`${baseURL}${base}/connections/request/`, { method: "GET", headers, body: "{}" });
    expect(empty.status).toBe(200);
    const body = JSON.parse(empty.body);
    expect(Object.keys(body)).toEqual(["requests", "pagination"]);
    expect(body.pagination).toEqual({ total_count: expect.any(Number), start: 0, limit: 50 });

    const paged = await rawRequest(`${baseURL}${base}/connections/request/`, { method: "GET", headers, body: '{"limit": 1, "start": 1}' });
    expect(JSON.parse(paged.body).pagination).toMatchObject({ start: 1, limit: 1 });
    expect(JSON.parse(paged.body).requests).toHaveLength(1);

    const bad = await rawRequest(`${baseURL}${base}/connections/request/`, { method: "GET", headers, body: '{"limit": -1}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ limit: ["Ensure this value is greater than or equal to 0."] });

    const notJson = await rawRequest(`${baseURL}${base}/connections/request/`, {
      method: "GET",
      headers: { Authorization: `Token ${token}`, "Content-Type": "text/plain" },
      body: "limit=1",
    });
    expect(notJson.status).toBe(415);
    expect(notJson.headers["x-content-type-options"]).toBe("nosniff");
  });

  test("every TIMP path answers with and without its trailing slash, never with a redirect", async ({ request }) => {
    const token = await login(request);
    const auth = { Authorization: `Token ${token}` };
    for (const path of [`${base}/connections/request`, `${base}/connections`]) {
      for (const form of [path, `${path}/`]) {
        const response = await request.get(form, { headers: auth, maxRedirects: 0 });
        expect(response.status(), form).toBe(200);
      }
    }
    const noSlash = await request.post(`${base}/user-login`, { data: { username: "x@example.com", password: "y" }, maxRedirects: 0 });
    expect(noSlash.status()).toBe(401);
  });

  test("a full round trip: upload, create with the file, read it back, edit it", async ({ request }) => {
    const token = await login(request);
    const auth = { Authorization: `Token ${token}` };
    const upload = await request.post(`${base}/files/upload/`, {
      headers: auth,
      multipart: { file: { name: "items.csv", mimeType: "text/csv", buffer: Buffer.from("sku,qty\n1,2\n") }, filename: "items.csv" },
    });
    expect(upload.status()).toBe(201);
    const { uuid } = await upload.json();

    const created = await request.post(`${base}/connections/request/`, {
      headers: auth,
      data: {
        organization_name: "Round Trip Supply",
        primary_contact_name: "Rita Round",
        requested_integrations: [{ type: "orders", update_frequency: "0 */6 * * *", file_locations: "https://rt.example/orders" }],
        uploaded_files: [{ uuid, name: "items.csv" }],
      },
    });
    expect(created.status()).toBe(201);
    const { request_uuid } = await created.json();

    const detail = await (await request.get(`${base}/connections/request/${request_uuid}/`, { headers: auth })).json();
    expect(detail).toMatchObject({
      org_name: "Round Trip Supply",
      uploaded_files: [{ uuid, name: "items.csv" }],
      integrations: [{ integration_type: "order", update_frequency: "0 */6 * * *" }],
      is_approved: false,
      approved_by: null,
    });
    const patched = await request.patch(`${base}/connections/request/${request_uuid}/`, { headers: auth, data: { additional_information: "Edited" } });
    expect(patched.status()).toBe(204);

    const file = await request.get(`${base}/files/${uuid}/`, { headers: auth });
    expect(file.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(await file.text()).toBe("sku,qty\n1,2\n");

    const stranger = await login(request, "bob@northwind.example");
    expect((await request.get(`${base}/connections/request/${request_uuid}/`, { headers: { Authorization: `Token ${stranger}` } })).status()).toBe(404);
    expect((await request.get(`${base}/files/${uuid}/`, { headers: { Authorization: `Token ${stranger}` } })).status()).toBe(404);
  });

  test("bodies over the caps are refused with 413", async ({ request, baseURL }) => {
    const token = await login(request);
    const json = await rawRequest(`${baseURL}${base}/connections/request/`, {
      method: "POST",
      headers: { Authorization: `Token ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ organization_name: "x".repeat(1024 * 1024) }),
    });
    expect(json.status).toBe(413);
    expect(JSON.parse(json.body).detail).toMatch(/exceeds the limit/);

    const upload = await request.post(`${base}/files/upload/`, {
      headers: { Authorization: `Token ${token}` },
      multipart: { file: { name: "big.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(11 * 1024 * 1024, 1) } },
    });
    expect(upload.status()).toBe(413);
  });

  test("unsupported methods get 405 with Allow and a JSON body", async ({ request }) => {
    const token = await login(request);
    const response = await request.delete(`${base}/connections/request/`, { headers: { Authorization: `Token ${token}` } });
    expect(response.status()).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, POST, OPTIONS");
    expect(await response.json()).toEqual({ detail: 'Method "DELETE" not allowed.' });
  });
});
