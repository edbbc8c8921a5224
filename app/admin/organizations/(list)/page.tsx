import type { Metadata } from "next";
import Link from "next/link";
import { PrefixSearch } from "@/components/admin/prefix-search";
import { shortDate } from "@/components/connections/request-table";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { Table, wideOnly } from "@/components/ui/table";
import { listOrganizations } from "@/lib/admin/organizations";
import { requireAdmin } from "@/lib/auth/session";
import { organizationsQuerySchema } from "@/lib/schemas/admin";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: PageProps<"/admin/organizations">) {
  const actor = await requireAdmin("/admin/organizations");
  const query = organizationsQuerySchema.parse(firstValues(await searchParams));
  const { organizations, next } = await listOrganizations(actor, query);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Organizations</h1>
      <PrefixSearch label="Name starts with" q={query.q} />
      {organizations.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">No organization matches.</p>
      ) : (
        <Table caption="Organizations" columns={[{ label: "Name" }, { label: "Type" }, { label: "Members", wide: true }, { label: "On the platform since", wide: true }]}>
          {organizations.map((organization) => (
            <tr key={organization.id} className="border-b border-slate-100" data-testid="organization-row">
              <td className="px-3 py-2">
                <Link href={`/admin/organizations/${organization.id}`} className="text-brand-700 underline">{organization.name}</Link>
              </td>
              <td className="px-3 py-2">{organization.type}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{organization.members}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(organization.createdAt.toISOString())}</td>
            </tr>
          ))}
        </Table>
      )}
      <KeysetPagination basePath="/admin/organizations" params={{ q: query.q }} after={query.after} next={next} />
    </div>
  );
}
