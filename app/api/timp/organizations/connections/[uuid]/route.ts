import { updateAccountNumbers } from "@/lib/connections/account-numbers";
import { getConnection } from "@/lib/connections/queries";
import { readJsonBody } from "@/lib/http/body";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { parseInput } from "@/lib/http/validate";
import { updateConnectionSchema } from "@/lib/schemas/connections";

type Params = { uuid: string };

/** GET /timp/organizations/connections/{uuid}/: one connection of the caller's (else 404). */
export const GET = timpRoute<Params>(async ({ params, actor }) => json(await getConnection(actor, params.uuid)));

/** PATCH: each side sets its own account number for the other (the other side's: 403); 200 and the connection. */
export const PATCH = timpRoute<Params>(async ({ request, params, actor }) => {
  const input = parseInput(updateConnectionSchema, await readJsonBody(request));
  return json(await updateAccountNumbers(actor, params.uuid, input));
});

const others = methodNotAllowed("timp", ["GET", "PATCH"]);
export { others as POST, others as PUT, others as DELETE };
