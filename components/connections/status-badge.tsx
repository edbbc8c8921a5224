import type { ConnectionRequestDto } from "@/lib/connection-requests/dto";

type Status = ConnectionRequestDto["status"];

export const statusLabels: Record<Status, string> = {
  pending: "Pending",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

const styles: Record<Status, string> = {
  pending: "bg-amber-100 text-amber-900",
  changes_requested: "bg-sky-100 text-sky-900",
  approved: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
};

/** The badge as plain elements, for long lists where a component per row costs rendering time. */
export const statusBadge = (status: Status) => <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${styles[status]}`}>{statusLabels[status]}</span>;

export function StatusBadge({ status }: { status: Status }) {
  return statusBadge(status);
}
