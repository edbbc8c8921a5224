import type { Metadata } from "next";
import { ConnectionTable } from "@/components/connections/connection-table";
import { Pagination } from "@/components/ui/pagination";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { listConnectionViews } from "@/lib/connections/portal";
import { firstValues, listPageQuerySchema } from "@/lib/schemas/portal";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ searchParams }: PageProps<"/partners">) {
  const actor = await requireActor("/partners");
  const { page, size } = listPageQuerySchema.parse(firstValues(await searchParams));
  const { views, total } = await listConnectionViews(actor, { limit: size, start: (page - 1) * size });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="mt-1 text-slate-700">
          {isAdmin(actor) ? "Every connection an approval created." : "The connections approved for your organization, and where their feeds stand."}
        </p>
      </div>
      {total === 0 ? (
        <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
          <p>
            {actor.organization?.type === "supplier"
              ? "No retailer is connected with your organization yet. When an admin approves a retailer's request, it appears here for you to confirm."
              : "There are no connections yet. A connection starts when an admin approves a connection request."}
          </p>
        </div>
      ) : (
        <>
          <ConnectionTable views={views} />
          <Pagination basePath="/partners" params={{}} page={page} size={size} total={total} />
        </>
      )}
    </div>
  );
}
