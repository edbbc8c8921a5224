import { notFoundRoute } from "@/lib/http/route";

/** Any /api path no route serves: a JSON 404 as the /api/requests family speaks it, never HTML. */
const handler = notFoundRoute("requests");
export const GET = handler;
export const HEAD = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
