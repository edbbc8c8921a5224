import { describe, expect, it } from "vitest";
import { POST as confirm } from "@/app/api/timp/organizations/connections/[uuid]/confirm/route";
import { GET as list } from "@/app/api/timp/organizations/connections/route";
import { approvedConnection } from "@/tests/support/connections";
import { person } from "@/tests/support/fixtures";
import { callRoute } from "@/tests/support/route";
import docsExample from "./fixtures/crux-get-connections.json";

/**
 * The drop-in promise: a client written from the Crux docs' "Get Connections" page must read our
 * answer unchanged. The fixture is that page's example response, verbatim but for its trailing
 * comma (../shared/reference/crux-docs/discovery_retailer__get_connections.md). Every key of the
 * example is present, in the same order, with the same JSON type; null is accepted on either side
 * (the example has null where the docs type a string, e.g. `active_date`, and this portal has no
 * account managers). Our additions may only follow the docs' keys of the connection itself.
 */
const jsonType = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

function holdToDocs(ours: unknown, docs: unknown, path: string, additionsAllowed: boolean): string[] {
  if (ours === null || docs === null) return [];
  if (jsonType(ours) !== jsonType(docs)) return [`${path}: ${jsonType(ours)} where the docs have ${jsonType(docs)}`];
  if (jsonType(docs) === "array") return (ours as unknown[]).flatMap((item, i) => holdToDocs(item, (docs as unknown[])[0], `${path}[${i}]`, additionsAllowed));
  if (jsonType(docs) !== "object") return [];
  const docsKeys = Object.keys(docs as object);
  const ourKeys = Object.keys(ours as object);
  const problems: string[] = [];
  const expectedPrefix = ourKeys.slice(0, docsKeys.length);
  if (JSON.stringify(expectedPrefix) !== JSON.stringify(docsKeys)) problems.push(`${path}: keys ${JSON.stringify(ourKeys)}, the docs ${JSON.stringify(docsKeys)}`);
  if (!additionsAllowed && ourKeys.length !== docsKeys.length) problems.push(`${path}: extra keys ${JSON.stringify(ourKeys.slice(docsKeys.length))}`);
  for (const key of docsKeys) {
    problems.push(...holdToDocs((ours as Record<string, unknown>)[key], (docs as Record<string, unknown>)[key], `${path}.${key}`, false));
  }
  return problems;
}

describe("GET /timp/organizations/connections/ holds to the docs' example", () => {
  it("key for key, in order, with the docs' JSON types: on-portal and unlisted suppliers, waiting and active", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const linked = await approvedConnection(retailer, supplier, { accountNumber: "R-1" });
    await approvedConnection(retailer, null);
    await callRoute(confirm, "/x", { method: "POST", headers: supplier.auth }, { uuid: linked.connection.id });
    const response = await callRoute(list, "/api/timp/organizations/connections/", { headers: retailer.auth });
    const body = (await response.json()) as unknown[];
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(2);
    for (const item of body as Record<string, unknown>[]) {
      expect(holdToDocs(item, docsExample[0], "$", true)).toEqual([]);
      expect(Object.keys(item).slice(Object.keys(docsExample[0]!).length)).toEqual(["feeds", "activated_date", "connection_request_uuid"]);
    }
  });

  it("the check itself catches a reordered key, a missing key and a wrong type", () => {
    const [docs] = docsExample;
    const { uuid, retailer, ...rest } = docs!;
    expect(holdToDocs({ retailer, uuid, ...rest }, docs, "$", true)).not.toEqual([]);
    expect(holdToDocs({ uuid, ...rest }, docs, "$", true)).not.toEqual([]);
    expect(holdToDocs({ ...docs, status: 1 }, docs, "$", true)).toEqual(["$.status: number where the docs have string"]);
    expect(holdToDocs({ ...docs, feeds: [] }, docs, "$", true)).toEqual([]);
  });
});
