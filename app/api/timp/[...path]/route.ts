import { notFoundRoute } from "@/lib/http/route";

/** Any /api/timp path no route serves: the TIMP API's `{"detail": "Not found."}`, never HTML. */
const handler = notFoundRoute("timp");
export const GET = handler;
export const HEAD = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
