import { revokeApiTokenAction } from "@/app/(portal)/settings/tokens/actions";
import type { ApiTokenState } from "@/lib/auth/api-tokens";

interface TokenRow {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  state: ApiTokenState;
}

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

export function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">You have no API tokens yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Name</th>
            <th scope="col" className="py-2 pr-4">Created</th>
            <th scope="col" className="py-2 pr-4">Expires</th>
            <th scope="col" className="py-2 pr-4">Last used</th>
            <th scope="col" className="py-2 pr-4">State</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-slate-100" data-testid="token-row">
              <td className="py-2 pr-4">{token.name}</td>
              <td className="py-2 pr-4">{when(token.createdAt)}</td>
              <td className="py-2 pr-4">{when(token.expiresAt)}</td>
              <td className="py-2 pr-4">{when(token.lastUsedAt)}</td>
              <td className="py-2 pr-4">{token.state}</td>
              <td className="py-2">
                {token.state === "active" && (
                  <form action={revokeApiTokenAction}>
                    <input type="hidden" name="tokenId" value={token.id} />
                    <button type="submit" className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50" aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
