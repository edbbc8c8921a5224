"use client";

import { useActionState } from "react";
import { revokeInvitationAction, sendInvitationAction } from "@/lib/connections/invitation-actions";
import type { FormState } from "@/lib/forms";
import type { SupplierInvitationPanel as Panel } from "@/lib/connections/invitation-admin";

function Outcome({ state }: { state: FormState }) {
  return (
    <p aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? "text-green-800" : "text-red-700"}`}>
      {state ? state.message : null}
      {state && !state.ok && state.fieldErrors.email ? ` ${state.fieldErrors.email.join(" ")}` : null}
    </p>
  );
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function describe(invitation: NonNullable<Panel["invitation"]>) {
  const sent = `Sent to ${invitation.email} on ${day(invitation.createdAt)}${invitation.sentCount > 1 ? ` (invitation ${invitation.sentCount})` : ""}`;
  switch (invitation.state) {
    case "pending":
      return `${sent}; expires on ${day(invitation.expiresAt)}.`;
    case "expired":
      return `${sent}; expired on ${day(invitation.expiresAt)}.`;
    case "accepted":
      return `${sent}; accepted on ${day(invitation.acceptedAt!)}.`;
    case "revoked":
      return `${sent}; revoked on ${day(invitation.revokedAt!)}.`;
  }
}

/** The approved request's supplier: on the portal, or invited by e-mail, with resend and revoke. */
export function SupplierInvitationPanel({ panel }: { panel: Panel }) {
  const [sent, send, sending] = useActionState<FormState, FormData>(sendInvitationAction, null);
  const [revoked, revoke, revoking] = useActionState<FormState, FormData>(revokeInvitationAction, null);
  if (panel.supplierOrganization) return <p className="text-sm">Linked to the supplier organization {panel.supplierOrganization.name}.</p>;
  const { invitation } = panel;
  const address = invitation?.email ?? panel.contactEmail;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>{panel.supplierName} is not on the portal yet.</p>
      <p data-testid="invitation-status">{invitation ? describe(invitation) : "No invitation has been sent."}</p>
      {!panel.deactivated && (
        <div className="flex flex-wrap items-end gap-3">
          {/* The address stays editable: a contact address that bounced can be corrected before a resend. */}
          <form action={send} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="connectionId" value={panel.connectionId} />
            <div className="flex flex-col gap-1">
              <label htmlFor="invite-email" className="font-medium">Contact email</label>
              <input id="invite-email" name="email" type="email" required defaultValue={address ?? ""} autoComplete="off" className="rounded border border-slate-300 px-3 py-2" />
            </div>
            <button type="submit" disabled={sending} className="rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {invitation ? "Resend invitation" : "Send invitation"}
            </button>
          </form>
          {invitation?.state === "pending" && (
            <form action={revoke}>
              <input type="hidden" name="connectionId" value={panel.connectionId} />
              <button type="submit" disabled={revoking} className="rounded border border-red-700 px-3 py-2 font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
                Revoke invitation
              </button>
            </form>
          )}
        </div>
      )}
      <Outcome state={sent ?? revoked} />
    </div>
  );
}
