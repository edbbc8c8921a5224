import type { AuditLogFilter } from "@/lib/schemas/admin";

const input = "rounded border border-slate-300 px-3 py-2";

/** The audit log's filters, a plain GET form; the action is free text with the log's own actions suggested. */
export function AuditFilters({ filter, actions }: { filter: AuditLogFilter; actions: string[] }) {
  const field = (name: keyof typeof filter, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`audit-${name}`} className="text-sm font-medium">{label}</label>
      <input id={`audit-${name}`} name={name} defaultValue={filter[name]} className={input} autoComplete="off" {...props} />
    </div>
  );
  return (
    <form method="get" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
      {field("actor", "Actor (e-mail)", { type: "email" })}
      {field("action", "Action", { list: "audit-actions" })}
      <datalist id="audit-actions">
        {actions.map((action) => <option key={action} value={action} />)}
      </datalist>
      {field("subject", "Subject (e-mail or target id)")}
      {field("from", "From", { type: "date" })}
      {field("to", "To", { type: "date" })}
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100">Filter</button>
    </form>
  );
}
