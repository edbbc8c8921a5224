import type { ConnectionRequestDto } from "@/lib/connection-requests/dto";
import { maskLocationPasswords } from "@/lib/connection-requests/locations";
import { shortDate } from "./request-table";
import { StatusBadge } from "./status-badge";

const name = (person: { first_name: string; last_name: string; email: string }) =>
  `${person.first_name} ${person.last_name}`.trim() || person.email;

/** Everything submitted with a request, its files and its decision: shared by member and admin views. */
export function RequestDetails({ request }: { request: ConnectionRequestDto }) {
  const rows: [string, string][] = [
    ["Supplier", request.org_name],
    ["Contact", request.org_contact_full_name],
    ["Contact e-mail", request.primary_contact_email || "—"],
    ["Contact phone", request.primary_contact_phone || "—"],
    ["Account number", request.retailer_account_number || "—"],
    ["Additional information", request.additional_information || "—"],
    ["Requested", `${shortDate(request.request_date)}${request.requested_by ? ` by ${name(request.requested_by)}` : ""}`],
  ];
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="decision" className="rounded border border-slate-200 bg-white p-4" data-testid="decision">
        <h2 id="decision" className="mb-2 flex items-center gap-3 text-lg font-medium">
          Status <StatusBadge status={request.status} />
        </h2>
        {request.status === "pending" ? (
          <p className="text-sm">Waiting for a platform admin to review it.</p>
        ) : request.status === "changes_requested" ? (
          <p className="text-sm">Sent back to its requester for changes; it will be reviewed again once resubmitted.</p>
        ) : (
          <p className="text-sm">
            {request.status === "approved" ? "Approved" : "Rejected"}
            {request.decided_at ? ` on ${shortDate(request.decided_at)}` : ""}
            {request.approved_by ? ` by ${name(request.approved_by.person)}` : ""}.
            {request.rejection_reason && <span className="mt-1 block">Reason: {request.rejection_reason}</span>}
          </p>
        )}
      </section>
      <dl className="grid gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="whitespace-pre-wrap">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="integrations">
        <h2 id="integrations" className="mb-2 text-lg font-medium">Integrations</h2>
        {request.integrations.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {request.integrations.map((integration) => (
              <li key={integration.record_uuid} className="rounded border border-slate-200 bg-white p-3 text-sm">
                <p className="font-medium">{integration.integration_type} · <code>{integration.update_frequency}</code></p>
                {integration.feed_source_file_locations && (
                  <p className="whitespace-pre-wrap break-all" data-testid="file-locations">Locations: {maskLocationPasswords(integration.feed_source_file_locations)}</p>
                )}
                {integration.file_specs && <p>Specs: {integration.file_specs}</p>}
                {integration.rules && <p>Rules: {integration.rules}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="files">
        <h2 id="files" className="mb-2 text-lg font-medium">Files</h2>
        {request.uploaded_files.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <ul className="list-disc pl-6 text-sm">
            {request.uploaded_files.map((file) => (
              <li key={file.uuid}>
                <a href={`/api/timp/organizations/files/${file.uuid}/`} className="text-brand-700 underline" download>
                  {file.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
