import { codeSamples, tokenPlaceholder } from "@/lib/openapi/code-samples";
import type { Operation } from "@/lib/openapi/reference";
import { CodeBlock } from "./code-block";
import { SchemaFields } from "./schema-fields";

const methodColours: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  POST: "bg-emerald-100 text-emerald-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

const authText = {
  token: `Authorization: Token <token> (from user-login or Settings → API tokens), or the portal's session.`,
  bearer: "Authorization: Bearer <token>: an OAuth 2 access token, or for metrics the deployment's METRICS_TOKEN.",
  session: "The portal's session cookie.",
  none: "None.",
};

/** One endpoint: what it does, what it takes, every answer it can give, and how to call it. */
export function OperationDoc({ operation, origin }: { operation: Operation; origin: string }) {
  const headingId = `${operation.id}-title`;
  return (
    <section id={operation.id} aria-labelledby={headingId} className="scroll-mt-4 rounded border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs ${methodColours[operation.method] ?? "bg-slate-100"}`}>{operation.method}</span>
        <code className="break-all text-sm">{operation.path}</code>
      </h3>
      <p className="mt-2">{operation.summary}</p>
      {operation.description && <p className="mt-1 text-slate-700">{operation.description}</p>}
      <p className="mt-2 text-sm text-slate-700">
        <span className="font-semibold">Authentication: </span>
        {authText[operation.auth]}
        {operation.scopes.length > 0 && ` Scope: ${operation.scopes.join(", ")}.`}
      </p>

      {operation.parameters.length > 0 && (
        <>
          <h4 className="mt-4 font-semibold">Parameters</h4>
          <ul className="divide-y divide-slate-100">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`} className="py-2 text-sm">
                <p className="flex flex-wrap items-baseline gap-x-2">
                  <code className="font-semibold">{parameter.name}</code>
                  <span className="text-slate-600">{parameter.in}</span>
                  {parameter.required && <span className="text-xs font-semibold uppercase text-red-800">required</span>}
                </p>
                <SchemaFields schema={parameter.schema} />
              </li>
            ))}
          </ul>
        </>
      )}

      {operation.requestBody && (
        <>
          <h4 className="mt-4 font-semibold">
            Request body <span className="font-normal text-slate-600">({operation.requestBody.contentType})</span>
          </h4>
          <SchemaFields schema={operation.requestBody.schema} />
        </>
      )}

      <h4 className="mt-4 font-semibold">Responses</h4>
      <ul className="mt-1 flex flex-col gap-1">
        {operation.responses.map((response) => (
          <li key={response.status}>
            <details className="rounded border border-slate-100">
              <summary className="cursor-pointer px-2 py-1 text-sm">
                <span className={`font-mono font-semibold ${response.status.startsWith("2") || response.status.startsWith("3") ? "text-emerald-800" : "text-red-800"}`}>
                  {response.status}
                </span>{" "}
                {response.description}
              </summary>
              <div className="px-2 pb-2">
                {response.body ? (
                  <>
                    <SchemaFields schema={response.body.schema} />
                    {response.body.example !== undefined && (
                      <CodeBlock label={`Example ${response.status} response`} code={JSON.stringify(response.body.example, null, 2)} />
                    )}
                  </>
                ) : (
                  <p className="text-sm text-slate-600">No body.</p>
                )}
              </div>
            </details>
          </li>
        ))}
      </ul>

      <h4 className="mt-4 font-semibold">Request examples</h4>
      <p className="text-sm text-slate-600">
        Put your own token in place of <code>{tokenPlaceholder}</code>.
      </p>
      <div className="mt-1 flex flex-col gap-1">
        {codeSamples(operation, origin).map((sample, index) => (
          <details key={sample.language} open={index === 0} className="rounded border border-slate-100" data-language={sample.language}>
            <summary className="cursor-pointer px-2 py-1 text-sm font-semibold">{sample.language}</summary>
            <CodeBlock label={`${sample.language} example for ${operation.method} ${operation.path}`} code={sample.code} />
          </details>
        ))}
      </div>
    </section>
  );
}
