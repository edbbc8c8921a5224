import Link from "next/link";
import { Table, wideOnly } from "@/components/ui/table";
import type { ConnectionRequestDto } from "@/lib/connection-requests/dto";
import { StatusBadge } from "./status-badge";

export const shortDate = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";

export function RequestTable({ requests, hrefFor, showRequester = false }: {
  requests: ConnectionRequestDto[];
  hrefFor: (id: string) => string;
  showRequester?: boolean;
}) {
  return (
    <Table
      columns={[{ label: "Supplier" }, ...(showRequester ? [{ label: "Requested by", wide: true }] : []), { label: "Integrations", wide: true }, { label: "Requested", wide: true }, { label: "Status" }]}
    >
      {requests.map((request) => (
        <tr key={request.record_uuid} className="border-b border-slate-100" data-testid="request-row">
          <td className="px-3 py-2">
            <Link href={hrefFor(request.record_uuid)} className="text-brand-700 underline">{request.org_name}</Link>
          </td>
          {showRequester && <td className={`px-3 py-2 ${wideOnly}`}>{request.requested_by?.email ?? "—"}</td>}
          <td className={`px-3 py-2 ${wideOnly}`}>{request.integrations.map((i) => i.integration_type).join(", ") || "—"}</td>
          <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(request.request_date)}</td>
          <td className="px-3 py-2"><StatusBadge status={request.status} /></td>
        </tr>
      ))}
    </Table>
  );
}
