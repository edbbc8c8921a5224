import { moveFeed } from "@/lib/connections/feeds";
import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { moveFeedSchema } from "@/lib/schemas/connections";

type Params = { uuid: string; integration_uuid: string };

/** PATCH .../connections/{uuid}/integrations/{integration_uuid}/ `{"phase", "note"}`: moves a feed of an ACTIVE connection; 200 and the connection. */
export const PATCH = timpRoute<Params>(async ({ request, params, actor }) => {
  const input = parseInput(moveFeedSchema, await readJsonBody(request));
  return json(await moveFeed(actor, params.uuid, params.integration_uuid, input));
});

const others = methodNotAllowed("timp", ["PATCH"]);
export { others as GET, others as POST, others as PUT, others as DELETE };
