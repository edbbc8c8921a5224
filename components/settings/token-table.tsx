import { Table, wideOnly } from "@/components/ui/table";
import { revokeApiTokenAction } from "@/lib/auth/api-token-actions";
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
    <Table
      caption="Your API tokens"
      columns={[{ label: "Name" }, { label: "Created", wide: true }, { label: "Expires", wide: true }, { label: "Last used", wide: true }, { label: "State" }, { label: "Actions", srOnly: true }]}
    >
      {tokens.map((token) => (
        <tr key={token.id} className="border-b border-slate-100" data-testid="token-row">
          <td className="px-3 py-2">{token.name}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{when(token.createdAt)}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{when(token.expiresAt)}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{when(token.lastUsedAt)}</td>
          <td className="px-3 py-2">{token.state}</td>
          <td className="px-3 py-2">
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
    </Table>
  );
}
