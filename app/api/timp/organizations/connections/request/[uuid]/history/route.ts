import { json, methodNotAllowed } from "@/lib/http/route";
import { timpRoute } from "@/lib/http/timp-route";
import { connectionRequestTimeline } from "@/lib/events/timeline";

/** GET .../request/{uuid}/history/: every state change, oldest first (requesting organization and admins). */
export const GET = timpRoute<{ uuid: string }>(async ({ params, actor }) => json({ history: await connectionRequestTimeline(actor, params.uuid) }));

const others = methodNotAllowed("timp", ["GET"]);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
