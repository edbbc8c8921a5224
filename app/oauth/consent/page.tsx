import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { checkAuthorizationRequest } from "@/lib/oauth/authorize";
import { authorizationRequestSchema } from "@/lib/schemas/oauth";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Authorize an app" };

const scopeWords: Record<string, string> = {
  "requests:read": "See your data requests and download their results",
  "requests:write": "File and cancel data requests for you",
};

/** The consent page: names the app and what it asks for; Allow or Deny posts to /api/oauth/authorize. */
export default async function ConsentPage({ searchParams }: PageProps<"/oauth/consent">) {
  const values = firstValues(await searchParams);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== undefined) as [string, string][]);
  await requireActor(`/oauth/consent?${query}`);
  const parsed = authorizationRequestSchema.safeParse(values);
  const check = parsed.success ? await checkAuthorizationRequest(parsed.data) : null;
  if (!check?.ok) {
    return (
      <div role="alert" className="mx-auto flex max-w-md flex-col gap-3">
        <h1 className="text-2xl font-semibold">This app cannot be authorized</h1>
        <p>{check?.message ?? "The authorization request is malformed."}</p>
      </div>
    );
  }
  const hidden = Object.entries(parsed.data!).filter(([, value]) => value !== undefined) as [string, string][];
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-semibold">Allow {check.client.name} to use your account?</h1>
      <p>
        <strong>{check.client.name}</strong> would like to:
      </p>
      <ul className="list-disc pl-6" data-testid="consent-scopes">
        {check.scopes.map((scope) => (
          <li key={scope}>{scopeWords[scope] ?? scope}</li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">You will return to {new URL(check.redirectUri).origin}. You can revoke access at any time under Settings.</p>
      <form method="post" action="/api/oauth/authorize" className="flex gap-3">
        {hidden.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="decision" value="allow" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">Allow</button>
        <button type="submit" name="decision" value="deny" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">Deny</button>
      </form>
    </div>
  );
}
