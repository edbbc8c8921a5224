import { checkDatabase } from "@/lib/health";
import { apiRoute, json } from "@/lib/http/route";

/** Liveness and database reachability: 200 when the database answers, 503 when it does not. */
export const GET = apiRoute("plain", async () => {
  const result = await checkDatabase();
  return json(result.ok ? { status: "ok", database: result.engine } : { status: "unavailable", database: result.engine }, {
    status: result.ok ? 200 : 503,
  });
});
