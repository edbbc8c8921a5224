import { describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/auth/api-tokens";
import { approvedConnection } from "@/tests/support/connections";
import { person, type Person } from "@/tests/support/fixtures";
import { connectionIdOfRequest, getConnectionView, listConnectionViews } from "./portal";

const actorOf = async (who: Person) => (await actorForApiToken(who.token))!;
const page = { start: 0, limit: 25 };

describe("the portal's connection reads", () => {
  it("each side sees whom it deals with and which side it is; an admin sees both names; a third organization sees nothing", async () => {
    const [retailer, supplier] = [await person(), await person({ type: "supplier" })];
    const { connection, request, admin } = await approvedConnection(retailer, supplier);
    const [retailerName, supplierName] = [(await actorOf(retailer)).organization!.name, (await actorOf(supplier)).organization!.name];

    const mine = await listConnectionViews(await actorOf(retailer), page);
    expect(mine.total).toBe(1);
    expect(mine.views[0]).toMatchObject({ side: "retailer", otherParty: supplierName, deactivationReason: null });
    expect((await listConnectionViews(await actorOf(supplier), page)).views[0]).toMatchObject({ side: "supplier", otherParty: retailerName });
    expect(await getConnectionView(await actorOf(admin), connection.id)).toMatchObject({ side: "admin", otherParty: `${retailerName} and ${supplierName}` });

    const outsider = await actorOf(await person());
    expect(await listConnectionViews(outsider, page)).toEqual({ views: [], total: 0 });
    await expect(getConnectionView(outsider, connection.id)).rejects.toMatchObject({ status: 404 });
    await expect(getConnectionView(outsider, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    expect(await connectionIdOfRequest(outsider, request.id)).toBeNull();
    expect(await connectionIdOfRequest(await actorOf(retailer), request.id)).toBe(connection.id);
  });
});
