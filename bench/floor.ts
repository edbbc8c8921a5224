/**
 * The floor of this stack on this machine: node:http and pg running the same SQL as the app's
 * list endpoints, serialised with JSON.stringify. No framework, no ORM, no auth.
 */
import http from "node:http";
import pg from "pg";

export function startFloor(databaseUrl: string, port: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://floor");
    try {
      let body: unknown;
      if (url.pathname === "/list") {
        // org=all: every organization, as the admin's list.
        const org = url.searchParams.get("org");
        const scope = org === "all" ? "" : 'WHERE "organizationId" = $1';
        const limit = Number(url.searchParams.get("limit") ?? 50);
        const start = Number(url.searchParams.get("start") ?? 0);
        const [count, rows] = await Promise.all([
          pool.query(`SELECT count(*)::int AS n FROM "ConnectionRequest" ${scope}`, org === "all" ? [] : [org]),
          pool.query(
            `SELECT r.*, COALESCE(json_agg(i ORDER BY i.position) FILTER (WHERE i.id IS NOT NULL), '[]') AS integrations
             FROM (SELECT * FROM "ConnectionRequest" ${scope ? 'WHERE "organizationId" = $1' : "WHERE $1::text IS NOT NULL"} ORDER BY "requestDate" DESC, id DESC LIMIT $2 OFFSET $3) r
             LEFT JOIN "Integration" i ON i."connectionRequestId" = r.id
             GROUP BY r.id, r."organizationId", r."requestedById", r."supplierName", r."contactFullName", r."contactPhone", r."contactEmail",
                      r."retailerAccountNumber", r."additionalInformation", r.status, r."rejectionReason", r."decidedAt", r."decidedById", r."requestDate", r."updatedAt"
             ORDER BY r."requestDate" DESC, r.id DESC`,
            [org, limit, start],
          ),
        ]);
        body = { requests: rows.rows, pagination: { total_count: count.rows[0].n, start, limit } };
      } else if (url.pathname === "/requests") {
        const rows = await pool.query('SELECT * FROM "DataRequest" WHERE "userId" = $1 AND status <> \'cancelled\' ORDER BY "createdAt" DESC', [url.searchParams.get("user")]);
        body = rows.rows;
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
