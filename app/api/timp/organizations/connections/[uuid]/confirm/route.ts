import { confirmConnection } from "@/lib/connections/transitions";
import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";

/** POST .../connections/{uuid}/confirm/: the supplier's members make it ACTIVE; 200 and the connection, 409 when not waiting. */
export const POST = timpRoute<{ uuid: string }>(async ({ params, actor }) => json(await confirmConnection(actor, params.uuid)));

const others = methodNotAllowed("timp", ["POST"]);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
