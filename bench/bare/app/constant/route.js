// The framework's ceiling: a route handler that returns a constant, nothing else.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
