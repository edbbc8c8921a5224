import type { Metadata } from "next";
import { Table, wideOnly } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listDataRequestQueue } from "@/lib/data-requests/admin";
import { retryDataRequestAction } from "@/lib/data-requests/actions";

export const metadata: Metadata = { title: "Data request queue" };

export default async function DataRequestQueuePage() {
  const actor = await requireAdmin("/admin/data-requests");
  const queue = await listDataRequestQueue(actor);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Data request queue</h1>
      {queue.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center">Nothing waiting.</p>
      ) : (
        <Table
          columns={[{ label: "Person" }, { label: "Data", wide: true }, { label: "State" }, { label: "Service level", wide: true }, { label: "Attempts", wide: true }, { label: "Actions", srOnly: true }]}
        >
          {queue.map((row) => (
            <tr key={row.id} className="border-b border-slate-100" data-testid="queue-row">
              <td className="break-all px-3 py-2">{row.user.email}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{row.dataTypes.join(", ")}</td>
              <td className="px-3 py-2">{row.status}{row.lastError ? `: ${row.lastError}` : ""}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{row.serviceLevel}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{row.attempts}</td>
              <td className="px-3 py-2">
                {row.status === "failed" && (
                  <form action={retryDataRequestAction}>
                    <input type="hidden" name="requestId" value={row.id} />
                    <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">Retry</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
