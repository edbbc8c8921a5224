import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/admin/audit-filters";
import { shortDate } from "@/components/connections/request-table";
import { ExportLink } from "@/components/ui/export-link";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { Table, wideOnly } from "@/components/ui/table";
import { listAuditActions, listAuditLog } from "@/lib/admin/audit-log";
import { requireAdmin } from "@/lib/auth/session";
import { auditCursorOf, auditLogQuerySchema } from "@/lib/schemas/admin";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: PageProps<"/admin/audit">) {
  const actor = await requireAdmin("/admin/audit");
  const params = firstValues(await searchParams);
  const { after, ...filter } = auditLogQuerySchema.parse(params);
  const [{ entries, next }, actions] = await Promise.all([listAuditLog(actor, { ...filter, after }), listAuditActions(actor)]);
  const filterParams = { actor: filter.actor, action: filter.action, subject: filter.subject, from: filter.from, to: filter.to };
  const person = (who: { id: string; email: string } | null) =>
    who ? <Link href={`/admin/people/${who.id}`} className="break-all underline">{who.email}</Link> : "—";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <ExportLink path="/admin/audit/export" params={filterParams} />
      </div>
      <AuditFilters filter={filter} actions={actions} />
      {entries.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">No entries match.</p>
      ) : (
        <Table caption="Audit log" columns={[{ label: "Time" }, { label: "Action" }, { label: "Actor", wide: true }, { label: "Subject", wide: true }, { label: "Target", wide: true }, { label: "Change", wide: true }]}>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-slate-100" data-testid="audit-row">
              <td className="px-3 py-2 whitespace-nowrap">{shortDate(entry.createdAt.toISOString())}</td>
              <td className="px-3 py-2">{entry.action}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{entry.actor ? person(entry.actor) : "Operator or system"}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{person(entry.subjectUser)}</td>
              <td className={`break-all px-3 py-2 ${wideOnly}`}>{entry.targetType}{entry.targetId ? ` ${entry.targetId}` : ""}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{entry.fromState || entry.toState ? `${entry.fromState ?? "—"} → ${entry.toState ?? "—"}` : ""}</td>
            </tr>
          ))}
        </Table>
      )}
      <KeysetPagination basePath="/admin/audit" params={filterParams} after={params.after && after ? params.after : undefined} next={next && auditCursorOf(next)} />
    </div>
  );
}
