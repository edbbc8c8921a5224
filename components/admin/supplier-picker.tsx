"use client";

import { useState } from "react";

type Choice = { id: string; name: string };

/**
 * The approve form's "Supplier organization": the organizations named as requested first (one
 * match is preselected), then others, narrowed by the filter; or none, to invite by e-mail.
 */
export function SupplierPicker({ matches, others }: { matches: Choice[]; others: Choice[] }) {
  const [filter, setFilter] = useState("");
  const shown = (choices: Choice[]) => choices.filter((choice) => choice.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const preselected = matches.length === 1 ? matches[0]!.id : "none";
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">When approving</legend>
      <p className="text-sm" data-testid="supplier-match">
        {matches.length === 0
          ? "No supplier organization on the portal has the requested name."
          : matches.length === 1
            ? `"${matches[0]!.name}" is on the portal and is preselected.`
            : `${matches.length} supplier organizations have the requested name: choose one.`}
      </p>
      <label htmlFor="supplier-filter" className="text-sm">Filter supplier organizations</label>
      <input
        id="supplier-filter"
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        className="rounded border border-slate-300 px-3 py-2"
      />
      <label htmlFor="supplier_organization_uuid" className="text-sm font-medium">Supplier organization</label>
      <select id="supplier_organization_uuid" name="supplier_organization_uuid" defaultValue={preselected} className="rounded border border-slate-300 px-3 py-2">
        <option value="none">None (invite by e-mail)</option>
        {shown(matches).length > 0 && (
          <optgroup label="Named as requested">
            {shown(matches).map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
          </optgroup>
        )}
        {shown(others).length > 0 && (
          <optgroup label="Other supplier organizations">
            {shown(others).map((choice) => <option key={choice.id} value={choice.id}>{choice.name}</option>)}
          </optgroup>
        )}
      </select>
    </fieldset>
  );
}
