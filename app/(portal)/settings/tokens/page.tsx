import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { TokenTable } from "@/components/settings/token-table";
import { Pagination } from "@/components/ui/pagination";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireActor } from "@/lib/auth/session";
import { firstValues, listPageQuerySchema } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage({ searchParams }: PageProps<"/settings/tokens">) {
  const actor = await requireActor("/settings/tokens");
  const { page, size } = listPageQuerySchema.parse(firstValues(await searchParams));
  const { tokens, total } = await listApiTokens(actor, { start: (page - 1) * size, limit: size });
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-2 text-sm text-slate-600">
          Tokens let scripts call the connection requests API as you, with the header
          <code className="mx-1 rounded bg-slate-100 px-1">Authorization: Token …</code>.
        </p>
      </div>
      <CreateTokenForm />
      <TokenTable tokens={tokens} />
      {total > 0 && <Pagination basePath="/settings/tokens" params={{}} page={page} size={size} total={total} />}
    </div>
  );
}
