import type { Metadata } from "next";
import { headers } from "next/headers";

export const metadata: Metadata = { title: "API reference" };

/** The interactive API reference, rendered by Scalar from /api/openapi.json, with no CDN. */
export default async function DocsPage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // System fonts: Scalar's own come from its CDN, which an offline machine (and our CSP) refuses.
  const configuration = JSON.stringify({
    url: "/api/openapi.json",
    withDefaultFonts: false,
    hideClientButton: true,
    customCss: ":root { --scalar-font: system-ui, sans-serif; --scalar-font-code: ui-monospace, monospace; }",
  });
  return (
    <div className="-mx-4 -my-8">
      <p className="sr-only">The API reference is generated from the same schemas the API validates with.</p>
      <div id="api-reference" data-testid="api-reference" />
      {/* A nonce'd loader: under 'strict-dynamic' the script it adds is trusted too. */}
      <script
        nonce={nonce}
        dangerouslySetInnerHTML={{
          __html: `(function(){var s=document.createElement("script");s.src="/docs/scalar.js";s.onload=function(){Scalar.createApiReference("#api-reference",${configuration})};document.head.appendChild(s)})();`,
        }}
      />
    </div>
  );
}
