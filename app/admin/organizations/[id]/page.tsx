import { DetailList } from "@/components/ui/detail-list";
import type { Metadata } from "next";
import Link from "next/link";
import { shortDate } from "@/components/connections/request-table";
import { Table, wideOnly } from "@/components/ui/table";
import { getOrganization } from "@/lib/admin/organizations";
import { requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/pages";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: PageProps<"/admin/organizations/[id]">) {
  const { id } = await params;
  const actor = await requireAdmin(`/admin/organizations/${id}`);
  const organization = await orNotFound(getOrganization(actor, id));
  const rows: [string, React.ReactNode][] = [
    ["Type", organization.type],
    ["On the platform since", shortDate(organization.createdAt.toISOString())],
    [
      "Account manager",
      organization.accountManager ? (
        <Link href={`/admin/people/${organization.accountManager.id}`} className="text-brand-700 underline">{organization.accountManager.name}</Link>
      ) : (
        "None"
      ),
    ],
    ["Account number", organization.accountNumber ?? "—"],
    ["Connection requests", organization.connectionRequestCount],
    ["Connections", organization.connectionCount],
  ];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold break-all">{organization.name}</h1>
      <DetailList rows={rows} />
      <section aria-labelledby="members" className="flex flex-col gap-2">
        <h2 id="members" className="text-lg font-medium">Members ({organization.memberCount})</h2>
        {organization.members.length === 0 ? (
          <p className="text-sm">Nobody yet.</p>
        ) : (
          <Table caption="Members" columns={[{ label: "Name" }, { label: "E-mail", wide: true }, { label: "Organization role" }, { label: "Status", wide: true }]}>
            {organization.members.map((member) => (
              <tr key={member.id} className="border-b border-slate-100" data-testid="member-row">
                <td className="px-3 py-2">
                  <Link href={`/admin/people/${member.id}`} className="text-brand-700 underline">{member.name}</Link>
                  <span className="block break-all text-slate-600 md:hidden">{member.email}</span>
                </td>
                <td className={`break-all px-3 py-2 ${wideOnly}`}>{member.email}</td>
                <td className="px-3 py-2">{member.organizationRole}</td>
                <td className={`px-3 py-2 ${wideOnly}`}>{member.status}</td>
              </tr>
            ))}
          </Table>
        )}
        {organization.memberCount > organization.members.length && (
          <p className="text-sm">Showing {organization.members.length} of {organization.memberCount}: search for the others on the People page.</p>
        )}
      </section>
      <Link href="/admin/organizations" className="text-sm text-brand-700 underline">Back to organizations</Link>
    </div>
  );
}
