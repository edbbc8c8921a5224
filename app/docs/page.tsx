import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { appUrl } from "@/lib/env";
import { apiReference } from "@/lib/openapi/reference";

export const metadata: Metadata = { title: "API reference" };

/**
 * The API reference, rendered on the server from the OpenAPI document: it paints with the page,
 * works offline and asks nothing of another origin (a client-side renderer took over 60 s to
 * paint here and fetched fonts from its CDN).
 */
export default function DocsPage() {
  return <ApiReference reference={apiReference()} origin={appUrl()} />;
}
