import type { Metadata } from "next";
import Link from "next/link";
import { ListFilters } from "@/components/connections/list-filters";
import { RequestTable } from "@/components/connections/request-table";
import { ExportLink } from "@/components/ui/export-link";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/session";
import { listConnectionRequests } from "@/lib/connection-requests/queries";
import { firstValues, listPageQuerySchema } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Connection requests" };

export default async function ConnectionRequestsPage({ searchParams }: PageProps<"/connections">) {
  const actor = await requireActor("/connections");
  const { page, size, status, q } = listPageQuerySchema.parse(firstValues(await searchParams));
  const { requests, pagination } = await listConnectionRequests(actor, { limit: size, start: (page - 1) * size, status, q });
  const canRequest = actor.organization?.type === "retailer";
  const filtered = Boolean(status || q);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Connection requests</h1>
        <div className="flex flex-wrap items-center gap-3">
          {pagination.total_count > 0 && <ExportLink path="/connections/export" params={{ status, q }} />}
          {canRequest && (
            <Link href="/connections/new" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              New request
            </Link>
          )}
        </div>
      </div>
      <ListFilters q={q} status={status} size={size} />
      {pagination.total_count === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
          {filtered ? (
            <p>No requests match these filters.</p>
          ) : canRequest ? (
            <p>
              Your organization has not asked for a connection yet.{" "}
              <Link href="/connections/new" className="text-brand-700 underline">Request your first connection</Link>.
            </p>
          ) : (
            <p>There are no connection requests for your organization.</p>
          )}
        </div>
      ) : (
        <>
          <RequestTable requests={requests} hrefFor={(id) => `/connections/${id}`} />
          <Pagination basePath="/connections" params={{ status, q }} page={page} size={size} total={pagination.total_count} />
        </>
      )}
    </div>
  );
}
