import type { Metadata } from "next";
import Link from "next/link";
import { PrefixSearch } from "@/components/admin/prefix-search";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { Table, wideOnly } from "@/components/ui/table";
import { listPeople } from "@/lib/admin/people";
import { requireAdmin } from "@/lib/auth/session";
import { peopleQuerySchema } from "@/lib/schemas/admin";
import { firstValues } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: PageProps<"/admin/people">) {
  const actor = await requireAdmin("/admin/people");
  const query = peopleQuerySchema.parse(firstValues(await searchParams));
  const { people, next } = await listPeople(actor, query);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">People</h1>
      <PrefixSearch label="E-mail starts with" q={query.q} />
      {people.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">Nobody matches.</p>
      ) : (
        <Table caption="People" columns={[{ label: "Name" }, { label: "E-mail", wide: true }, { label: "Organization", wide: true }, { label: "Platform role" }, { label: "Status" }]}>
          {people.map((person) => (
            <tr key={person.id} className="border-b border-slate-100" data-testid="person-row">
              <td className="px-3 py-2">
                <Link href={`/admin/people/${person.id}`} className="text-brand-700 underline">{person.name}</Link>
                <span className="block break-all text-slate-600 md:hidden">{person.email}</span>
              </td>
              <td className={`break-all px-3 py-2 ${wideOnly}`}>{person.email}</td>
              <td className={`px-3 py-2 ${wideOnly}`}>
                {person.organization ? (
                  <>
                    <Link href={`/admin/organizations/${person.organization.id}`} className="underline">{person.organization.name}</Link> ({person.organizationRole})
                  </>
                ) : (
                  "None"
                )}
              </td>
              <td className="px-3 py-2">{person.role}</td>
              <td className="px-3 py-2">{person.status}</td>
            </tr>
          ))}
        </Table>
      )}
      <KeysetPagination basePath="/admin/people" params={{ q: query.q }} after={query.after} next={next} />
    </div>
  );
}
