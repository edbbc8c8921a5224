import type { Metadata } from "next";
import { RequestForm } from "@/components/connections/request-form";
import { requireActor } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "New connection request" };

export default async function NewConnectionRequestPage() {
  const actor = await requireActor("/connections/new");
  if (actor.organization?.type !== "retailer") {
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">New connection request</h1>
        <p role="alert">Only members of a retailer organization can request connections.</p>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">New connection request</h1>
      <RequestForm maxUploadBytes={env().UPLOAD_MAX_BYTES} />
    </div>
  );
}
