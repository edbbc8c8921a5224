import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RequestForm } from "@/components/connections/request-form";
import { isAdmin } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { getConnectionRequestForActor } from "@/lib/connection-requests/queries";
import { env } from "@/lib/env";
import { orNotFound } from "@/lib/http/pages";
import { isOpen } from "@/lib/schemas/connection-requests";

export const metadata: Metadata = { title: "Edit connection request" };

export default async function EditConnectionRequestPage({ params }: PageProps<"/connections/[id]/edit">) {
  const { id } = await params;
  const actor = await requireActor(`/connections/${id}/edit`);
  const request = await orNotFound(getConnectionRequestForActor(actor, id));
  // Decided requests are read-only; admins decide, they do not edit.
  if (!isOpen(request.status) || isAdmin(actor)) redirect(`/connections/${id}`);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Edit request to {request.org_name}</h1>
      <RequestForm
        requestId={id}
        maxUploadBytes={env().UPLOAD_MAX_BYTES}
        initial={{
          organization_name: request.org_name,
          primary_contact_name: request.org_contact_full_name,
          primary_contact_phone: request.primary_contact_phone,
          primary_contact_email: request.primary_contact_email,
          organization_account_number: request.retailer_account_number,
          additional_information: request.additional_information,
          integrations: request.integrations.map((integration) => ({
            key: integration.record_uuid,
            record_uuid: integration.record_uuid,
            type: integration.integration_type,
            update_frequency: integration.update_frequency,
            file_locations: integration.feed_source_file_locations ?? "",
            file_specs: integration.file_specs ?? "",
            rules: integration.rules ?? "",
          })),
          uploaded_files: request.uploaded_files,
        }}
      />
    </div>
  );
}
