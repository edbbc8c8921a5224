import { expect, test, type APIRequestContext } from "@playwright/test";
import { curlExamples, type CurlExample } from "../support/crux-docs";
import { rawRequest } from "../support/http";

/**
 * Every request example of the mirrored API's own documentation (shared/reference/crux-docs),
 * replayed as written against this app's base URL: only the token, and the uuid of a request
 * that exists here, are ours.
 */
const examples = new Map(curlExamples().map((example) => [example.page.replace(/\.md$/, ""), example]));

async function demoToken(request: APIRequestContext) {
  const response = await request.post("/api/timp/organizations/user-login/", { data: { username: "alice@acme-retail.example", password: "demo-password" } });
  return ((await response.json()) as { auth_token: string }).auth_token;
}

/** Sends an example with our token (the docs' own is a placeholder) and, where given, our uuid. */
async function replay(baseURL: string, example: CurlExample, token: string | null, options: { uuid?: string; body?: string } = {}) {
  const headers = { ...example.headers };
  if (token) headers.Authorization = `Token ${token}`;
  let body = options.body ?? example.body;
  if (example.form) {
    // What Paw, which wrote these examples, sends for -F: one text part per field.
    const boundary = /boundary=([^;]+)/.exec(headers["Content-Type"]!)![1]!;
    body = example.form.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  }
  const path = options.uuid ? example.path.replace(/[0-9a-f-]{36}/, options.uuid) : example.path;
  const response = await rawRequest(`${baseURL}/api${path}`, { method: example.method, headers, body });
  return { status: response.status, json: response.body ? JSON.parse(response.body) : null };
}

test.describe("the Crux documentation's examples, replayed", () => {
  test("every documented endpoint has its example here", () => {
    expect([...examples.keys()]).toEqual([
      "discovery_retailer__get_connections",
      "discovery_retailer__get_requested_connection_detail",
      "discovery_retailer__get_requested_connections",
      "discovery_retailer__request_connection",
      "discovery_retailer__update_connection_request",
      "files__upload",
      "organization__retreive_auth_token",
    ]);
  });

  test("Retrieve Auth Token: the documented body, with an account of this app, gives a token", async ({ baseURL, request }) => {
    const example = examples.get("organization__retreive_auth_token")!;
    const documented = await replay(baseURL!, example, null);
    expect(documented.status).toBe(401); // nick@dobaretailer.com has no account here
    const ours = await replay(baseURL!, example, null, { body: example.body!.replace("nick@dobaretailer.com", "alice@acme-retail.example").replace("thanos_rocks", "demo-password") });
    expect(ours.status).toBe(200);
    expect(Object.keys(ours.json).sort()).toEqual(["auth_token", "org_type", "org_uuid", "permission_assignments", "retailer_uuid", "supplier_uuid", "user_uuid"]);
    expect(await demoToken(request)).toMatch(/\S{20,}/);
  });

  test("Request Connection: free-text file locations are taken as written; only the non-cron frequency is refused", async ({ baseURL, request }) => {
    const example = examples.get("discovery_retailer__request_connection")!;
    const token = await demoToken(request);
    const documented = await replay(baseURL!, example, token);
    // The third integration's update_frequency is a URL, not a cron expression: the one field error.
    expect(documented.status).toBe(400);
    expect(documented.json).toEqual({ "integrations[2].update_frequency": [expect.stringMatching(/cron expression/)] });

    const body = JSON.parse(example.body!);
    body.integrations[2].update_frequency = "0 3 * * *";
    const created = await replay(baseURL!, example, token, { body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const detail = await request.get(`/api/timp/organizations/connections/request/${created.json.request_uuid}/`, { headers: { Authorization: `Token ${token}` } });
    const locations = ((await detail.json()).integrations as { feed_source_file_locations: string | null }[]).map((i) => i.feed_source_file_locations);
    expect(locations).toEqual(["ftp://foo:bar@baz.blerg", "file_locations", null]);
  });

  test("Get Requested Connections, Get Requested Connection Detail and Get Connections answer as documented", async ({ baseURL, request }) => {
    const token = await demoToken(request);
    const list = await replay(baseURL!, examples.get("discovery_retailer__get_requested_connections")!, token);
    expect(list.status).toBe(200);
    expect(Object.keys(list.json)).toEqual(["requests", "pagination"]);
    const uuid = list.json.requests[0].record_uuid as string;
    const detail = await replay(baseURL!, examples.get("discovery_retailer__get_requested_connection_detail")!, token, { uuid });
    expect(detail.status).toBe(200);
    expect(detail.json.record_uuid).toBe(uuid);
    const documentedUuid = await replay(baseURL!, examples.get("discovery_retailer__get_requested_connection_detail")!, token);
    expect(documentedUuid.status).toBe(404);
    const connections = await replay(baseURL!, examples.get("discovery_retailer__get_connections")!, token);
    expect(connections.status).toBe(200);
    // The docs answer a bare array of connections, no envelope.
    expect(Array.isArray(connections.json)).toBe(true);
  });

  test("Update Connection Request: the documented body updates a pending request of ours", async ({ baseURL, request }) => {
    const token = await demoToken(request);
    const auth = { Authorization: `Token ${token}` };
    const created = await request.post("/api/timp/organizations/connections/request/", {
      headers: auth,
      data: { organization_name: "Before", primary_contact_name: "B", integrations: [{ type: "item", update_frequency: "0 1 * * *" }] },
    });
    const uuid = (await created.json()).request_uuid as string;
    const before = await (await request.get(`/api/timp/organizations/connections/request/${uuid}/`, { headers: auth })).json();
    const example = examples.get("discovery_retailer__update_connection_request")!;
    // The example names an integration of the docs' own request by record_uuid: ours is used.
    const body = example.body!.replace("3a438d7e-1234-46e1-96d2-efd9dac561d9", before.integrations[0].record_uuid);
    const updated = await replay(baseURL!, example, token, { uuid, body });
    expect(updated.status).toBe(204);
    const detail = await (await request.get(`/api/timp/organizations/connections/request/${uuid}/`, { headers: auth })).json();
    expect(detail).toMatchObject({
      org_name: "Thomas-Perkins",
      org_contact_full_name: "owner user",
      retailer_account_number: "ABC123",
      integrations: [{ record_uuid: before.integrations[0].record_uuid, integration_type: "item", update_frequency: "* 20 12 3 8,9 *", file_specs: "items specs" }],
    });
  });

  test("Upload a File: the documented multipart body is stored", async ({ baseURL, request }) => {
    const token = await demoToken(request);
    const uploaded = await replay(baseURL!, examples.get("files__upload")!, token);
    expect(uploaded.status).toBe(201);
    const file = await request.get(`/api/timp/organizations/files/${uploaded.json.uuid}/`, { headers: { Authorization: `Token ${token}` } });
    expect(await file.text()).toContain("\\f0\\fs24 \\cf0 My File contents}");
    const detail = await request.get(`/api/timp/organizations/files/${uploaded.json.uuid}/`, { headers: { Authorization: `Token ${token}` } });
    expect(detail.headers()["content-disposition"]).toContain("myfile");
  });
});
