import type { Reference } from "@/lib/openapi/reference";
import { OperationDoc } from "./operation";

/** The whole reference: contents, how to authenticate, then every endpoint by group. */
export function ApiReference({ reference, origin }: { reference: Reference; origin: string }) {
  return (
    <div className="flex flex-col gap-8 lg:flex-row" data-testid="api-reference">
      <nav aria-label="API reference contents" className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:w-60 lg:shrink-0 lg:overflow-y-auto">
        <details open className="rounded border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-semibold">Contents</summary>
          {reference.sections.map((section) => (
            <div key={section.tag} className="mt-3">
              <a href={`#${sectionId(section.tag)}`} className="font-semibold text-brand-700 hover:underline">{section.tag}</a>
              <ul className="mt-1 flex flex-col gap-1">
                {section.operations.map((operation) => (
                  <li key={operation.id}>
                    <a href={`#${operation.id}`} className="block text-slate-700 [overflow-wrap:anywhere] hover:underline">
                      <span className="font-mono text-xs">{operation.method}</span> {operation.path.replace(/^\/api/, "")}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col gap-8">
        <header className="flex flex-col gap-3">
          <h1 className="text-2xl font-semibold">{reference.title}</h1>
          <p>{reference.description}</p>
          <ul className="list-disc pl-6 text-sm text-slate-700">
            <li>
              TIMP base URL: <code className="break-all">{origin}/api</code>. A client written for the Crux Connect Discovery API works by changing only its base URL.
            </li>
            <li>Every path answers with and without a trailing slash.</li>
            <li>
              Errors are JSON: TIMP routes answer <code>{`{"detail": "…"}`}</code> or field errors <code>{`{"field": ["…"]}`}</code>; the data-requests API answers{" "}
              <code>{`{"error": "…", "message": "…"}`}</code>; OAuth answers RFC 6749 errors.
            </li>
            <li>
              The machine-readable document is <a href="/api/openapi.json" className="text-brand-700 underline">/api/openapi.json</a> (OpenAPI 3.1).
            </li>
          </ul>
        </header>
        {reference.sections.map((section) => (
          <section key={section.tag} id={sectionId(section.tag)} aria-labelledby={`${sectionId(section.tag)}-title`} className="flex flex-col gap-4">
            <h2 id={`${sectionId(section.tag)}-title`} className="text-xl font-semibold">{section.tag}</h2>
            {section.operations.map((operation) => (
              <OperationDoc key={operation.id} operation={operation} origin={origin} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

const sectionId = (tag: string) => `group-${tag.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
