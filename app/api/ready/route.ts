import { checkReadiness } from "@/lib/health";
import { apiRoute, json } from "@/lib/http/route";

/**
 * Readiness, for a load balancer: 200 when this instance can serve (database reachable, every
 * migration applied, not stopping), 503 with a generic reason otherwise. /api/health is liveness.
 */
export const GET = apiRoute("plain", async () => {
  const readiness = await checkReadiness();
  return json({ status: readiness.ready ? "ready" : "not_ready", ...readiness }, { status: readiness.ready ? 200 : 503 });
});
