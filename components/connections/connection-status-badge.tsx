import { connectionStatusLabels } from "@/lib/connections/labels";
import type { ConnectionStatusName } from "@/lib/schemas/connections";

const styles: Record<ConnectionStatusName, string> = {
  "CONFIRMATION WAITING": "bg-amber-100 text-amber-900",
  ACTIVE: "bg-green-100 text-green-900",
  DEACTIVATED: "bg-slate-200 text-slate-800",
};

export function ConnectionStatusBadge({ status }: { status: ConnectionStatusName }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${styles[status]}`} data-testid="connection-status">{connectionStatusLabels[status]}</span>;
}
