import type { Metadata } from "next";
import { MarkReadOnView } from "@/components/notifications/mark-read-on-view";
import { LiveUpdates } from "@/components/data-requests/live-updates";
import { NewDataRequestForm } from "@/components/data-requests/new-request-form";
import { DataRequestList } from "@/components/data-requests/request-list";
import { requireActor } from "@/lib/auth/session";
import { listDataRequests, listDataTypes } from "@/lib/data-requests/requests";
import { describeDataRequest } from "@/lib/data-requests/view";
import { dataRequestTimelines } from "@/lib/events/timeline";

export const metadata: Metadata = { title: "Your data" };

export default async function DataRequestsPage() {
  const actor = await requireActor("/requests");
  const [rows, types] = await Promise.all([listDataRequests(actor.userId), listDataTypes()]);
  const titles = new Map(types.map((type) => [type.id, type.title]));
  const requests = rows.map((row) => describeDataRequest(row, titles));
  const timelines = await dataRequestTimelines(actor.userId, rows.map((row) => row.id));
  return (
    <div className="flex flex-col gap-6">
      <MarkReadOnView subject={{ dataRequests: true }} />
      <h1 className="text-2xl font-semibold">Copies of your data</h1>
      <LiveUpdates states={requests.map(({ id, state }) => ({ id, state }))} />
      <DataRequestList requests={requests} timelines={timelines} />
      <NewDataRequestForm types={types} />
    </div>
  );
}
