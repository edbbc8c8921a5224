/**
 * The floor of this stack on this machine: node:http and pg running the SQL the app's endpoints
 * run (the tally read and the page's number range of lib/connection-requests/positions.ts, a data
 * request list, a count and a page of an organization's connections with what each shows,
 * `SELECT 1` for the health check), serialised with JSON.stringify. No framework, no ORM, no
 * authentication.
 */
import http from "node:http";
import pg from "pg";

const page = (numberField: "sequence" | "orgSequence", scope: string) => `
  SELECT r.*, COALESCE(json_agg(i ORDER BY i.position) FILTER (WHERE i.id IS NOT NULL), '[]') AS integrations
  FROM (SELECT * FROM "ConnectionRequest" WHERE ${scope} AND "${numberField}" <= $2 AND "${numberField}" > $3) r
  LEFT JOIN "Integration" i ON i."connectionRequestId" = r.id
  GROUP BY r.id, r."organizationId", r."requestedById", r."supplierName", r."contactFullName", r."contactPhone", r."contactEmail",
           r."retailerAccountNumber", r."additionalInformation", r.status, r."rejectionReason", r."decidedAt", r."decidedById",
           r."requestDate", r."updatedAt", r.sequence, r."orgSequence"
  ORDER BY r."${numberField}" DESC`;
const memberPage = page("orgSequence", `"organizationId" = $1::uuid`);
const adminPage = page("sequence", `$1::text = 'platform'`);
const connectionsWhere = `"retailerOrganizationId" = $1 OR "supplierOrganizationId" = $1`;
const connectionsPage = `
  WITH page AS (SELECT * FROM "Connection" WHERE ${connectionsWhere} ORDER BY "createdAt" DESC, id DESC LIMIT $2 OFFSET $3)
  SELECT p.*, to_json(ro) AS retailer, to_json(so) AS supplier, to_json(u) AS requester,
         (SELECT json_agg(json_build_object('feed', f, 'integration', i) ORDER BY i.position)
          FROM "ConnectionFeed" f JOIN "Integration" i ON i.id = f."integrationId" WHERE f."connectionId" = p.id) AS feeds
  FROM page p
  JOIN "Organization" ro ON ro.id = p."retailerOrganizationId"
  LEFT JOIN "Organization" so ON so.id = p."supplierOrganizationId"
  JOIN "ConnectionRequest" r ON r.id = p."connectionRequestId"
  LEFT JOIN "User" u ON u.id = r."requestedById"
  ORDER BY p."createdAt" DESC, p.id DESC`;

export function startFloor(databaseUrl: string, port: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://floor");
    try {
      let body: unknown;
      if (url.pathname === "/list") {
        // org=platform: every organization, as an admin's list.
        const scope = url.searchParams.get("org")!;
        const limit = Number(url.searchParams.get("limit") ?? 50);
        const start = Number(url.searchParams.get("start") ?? 0);
        const tally = await pool.query(`SELECT "lastSequence" AS total FROM "ConnectionRequestTally" WHERE scope = $1`, [scope]);
        const total: number = tally.rows[0]?.total ?? 0;
        const rows = await pool.query(scope === "platform" ? adminPage : memberPage, [scope, total - start, total - start - limit]);
        body = { requests: rows.rows, pagination: { total_count: total, start, limit } };
      } else if (url.pathname === "/connections") {
        const org = url.searchParams.get("org");
        const limit = Number(url.searchParams.get("limit") ?? 50);
        const start = Number(url.searchParams.get("start") ?? 0);
        const total = (await pool.query(`SELECT count(*)::int AS n FROM "Connection" WHERE ${connectionsWhere}`, [org])).rows[0].n as number;
        body = (await pool.query(connectionsPage, [org, limit, Math.min(start, total)])).rows;
      } else if (url.pathname === "/requests") {
        const rows = await pool.query('SELECT * FROM "DataRequest" WHERE "userId" = $1 AND status <> \'cancelled\' ORDER BY "createdAt" DESC', [url.searchParams.get("user")]);
        body = rows.rows;
      } else if (url.pathname === "/health") {
        await pool.query("SELECT 1");
        body = { status: "ok", database: "postgres" };
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  return new Promise<{ close(): Promise<void> }>((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ close: async () => { server.close(); await pool.end(); } })),
  );
}
