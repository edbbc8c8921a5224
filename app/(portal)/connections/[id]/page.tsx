import type { Metadata } from "next";
import Link from "next/link";
import { RequestDetails } from "@/components/connections/request-details";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { orNotFound } from "@/lib/http/pages";

export const metadata: Metadata = { title: "Connection request" };

export default async function ConnectionRequestPage({ params }: PageProps<"/connections/[id]">) {
  const { id } = await params;
  const actor = await requireActor(`/connections/${id}`);
  const request = await orNotFound(getConnectionRequestForActor(actor, id));
  const canEdit = request.status === "pending" && !isAdmin(actor);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Request to connect with {request.org_name}</h1>
        {canEdit && (
          <Link href={`/connections/${id}/edit`} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">Edit</Link>
        )}
      </div>
      <RequestDetails request={request} />
      <Link href="/connections" className="text-brand-700 underline">Back to connection requests</Link>
    </div>
  );
}
