import type { SupplierChoices } from "@/lib/connections/invitation-admin";

/**
 * "Supplier organization": the organizations named as requested first (one match is
 * preselected), then others (the page's search narrows them on the server); when approving, also
 * none, to invite the supplier by e-mail.
 */
export function SupplierPicker({ choices, allowNone }: { choices: SupplierChoices; allowNone: boolean }) {
  const { matches, others } = choices;
  const preselected = matches.length === 1 ? matches[0]!.id : allowNone ? "none" : undefined;
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm" data-testid="supplier-match">
        {matches.length === 0
          ? "No supplier organization on the portal has the requested name."
          : matches.length === 1
            ? `"${matches[0]!.name}" is on the portal and is preselected.`
            : `${matches.length} supplier organizations have the requested name: choose one.`}
      </p>
      <label htmlFor="supplier_organization_uuid" className="text-sm font-medium">Supplier organization</label>
      <select id="supplier_organization_uuid" name="supplier_organization_uuid" defaultValue={preselected} required={!allowNone} className="rounded border border-slate-300 px-3 py-2">
        {allowNone ? <option value="none">None (invite by e-mail)</option> : <option value="">Choose…</option>}
        {matches.length > 0 && (
          <optgroup label="Named as requested">
            {matches.map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label="Other supplier organizations">
            {others.map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
          </optgroup>
        )}
      </select>
    </div>
  );
}

/**
 * Finds supplier organizations by name for the picker: a plain GET of the page with `?supplier=`,
 * so every supplier can be reached however many there are, and it works without JavaScript.
 */
export function SupplierSearch({ action, search }: { action: string; search: string }) {
  return (
    <form method="get" action={action} role="search" aria-label="Supplier organizations" className="flex flex-wrap items-end gap-2 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor="supplier-search" className="font-medium">Find a supplier organization</label>
        <input id="supplier-search" name="supplier" type="search" defaultValue={search} className="rounded border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" className="rounded border border-slate-300 px-3 py-2 font-medium hover:bg-slate-100">Search</button>
    </form>
  );
}
