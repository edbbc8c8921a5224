import { DetailList } from "@/components/ui/detail-list";
import type { Metadata } from "next";
import Link from "next/link";
import { PersonActions } from "@/components/admin/person-actions";
import { shortDate } from "@/components/connections/request-table";
import { Table, wideOnly } from "@/components/ui/table";
import { getPerson } from "@/lib/admin/people";
import { requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/pages";

export const metadata: Metadata = { title: "Person" };

const when = (date: Date | null) => (date ? shortDate(date.toISOString()) : "Never");

export default async function PersonPage({ params }: PageProps<"/admin/people/[id]">) {
  const { id } = await params;
  const actor = await requireAdmin(`/admin/people/${id}`);
  const person = await orNotFound(getPerson(actor, id));
  const rows: [string, React.ReactNode][] = [
    ["E-mail", person.email],
    [
      "Organization",
      person.organization ? (
        <Link href={`/admin/organizations/${person.organization.id}`} className="text-brand-700 underline">{person.organization.name}</Link>
      ) : (
        "None"
      ),
    ],
    ["Organization role", person.organization ? person.organizationRole : "—"],
    ["Platform role", person.role],
    ["Status", person.status],
    ["E-mail confirmed", person.emailVerifiedAt ? shortDate(person.emailVerifiedAt.toISOString()) : "Not yet"],
    ["Joined", shortDate(person.createdAt.toISOString())],
    ["Last sign-in", when(person.lastSignInAt)],
    [
      "Sign-in methods",
      <ul key="methods" aria-label="Sign-in methods">
        {person.signInMethods.map((method) => <li key={method}>{method}</li>)}
      </ul>,
    ],
  ];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold break-all">{person.name}</h1>
      <DetailList rows={rows} />
      <PersonActions userId={person.id} role={person.role} status={person.status} />
      <section aria-labelledby="tokens" className="flex flex-col gap-2">
        <h2 id="tokens" className="text-lg font-medium">Active API tokens</h2>
        {person.apiTokens.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <Table caption="Active API tokens" columns={[{ label: "Name" }, { label: "Created", wide: true }, { label: "Last used" }, { label: "Expires", wide: true }]}>
            {person.apiTokens.map((token) => (
              <tr key={token.id} className="border-b border-slate-100" data-testid="token-row">
                <td className="px-3 py-2">{token.name}</td>
                <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(token.createdAt.toISOString())}</td>
                <td className="px-3 py-2">{when(token.lastUsedAt)}</td>
                <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(token.expiresAt.toISOString())}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="apps" className="flex flex-col gap-2">
        <h2 id="apps" className="text-lg font-medium">Authorized OAuth apps</h2>
        {person.authorizedApps.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <Table caption="Authorized OAuth apps" columns={[{ label: "App" }, { label: "Scopes", wide: true }, { label: "Authorized", wide: true }, { label: "Last used" }]}>
            {person.authorizedApps.map((app) => (
              <tr key={app.id} className="border-b border-slate-100" data-testid="app-row">
                <td className="px-3 py-2">{app.name}</td>
                <td className={`px-3 py-2 ${wideOnly}`}>{app.scopes.join(" ")}</td>
                <td className={`px-3 py-2 ${wideOnly}`}>{shortDate(app.createdAt.toISOString())}</td>
                <td className="px-3 py-2">{when(app.lastUsedAt)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <div className="flex flex-wrap gap-4 text-sm">
        <Link href={`/admin/audit?subject=${encodeURIComponent(person.email)}`} className="text-brand-700 underline">Audit log about {person.email}</Link>
        <Link href="/admin/people" className="text-brand-700 underline">Back to people</Link>
      </div>
    </div>
  );
}
