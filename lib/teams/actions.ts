"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "../auth/session";
import { startSessionCookie } from "../auth/session-cookie";
import { formStateFromError, invalidForm, signedOutState, type FormState } from "../forms";
import { clientAddress } from "../http/client-address";
import { acceptTeamInvitationSchema, changeMemberRoleSchema, inviteMemberSchema, joinTeamSchema, memberIdSchema, teamInvitationIdSchema } from "../schemas/teams";
import { acceptTeamInvitation, inviteMember, joinTeam, resendTeamInvitation, revokeTeamInvitation } from "./invitations";
import { changeMemberRole, leaveOrganization, removeMember } from "./members";

// Public POST endpoints like every server action: each checks the actor again in lib/teams.

const teamPage = "/settings/team";

/** Runs a signed-in person's team change and turns its outcome into the form's state. */
async function asActor(run: (actor: NonNullable<Awaited<ReturnType<typeof getActor>>>) => Promise<string>): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  try {
    const message = await run(actor);
    revalidatePath(teamPage);
    return { ok: true, message };
  } catch (error) {
    return formStateFromError(error);
  }
}

/** "Invite" on the team page. */
export async function inviteMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = inviteMemberSchema.safeParse({ email: formData.get("email"), role: formData.get("role") || undefined });
  if (!parsed.success) return invalidForm(parsed.error);
  return asActor(async (actor) => `Invitation sent to ${(await inviteMember(actor, parsed.data)).email}.`);
}

export async function resendTeamInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = teamInvitationIdSchema.safeParse({ invitationId: formData.get("invitationId") });
  if (!parsed.success) return invalidForm(parsed.error);
  return asActor(async (actor) => `Invitation sent again to ${await resendTeamInvitation(actor, parsed.data.invitationId)}. The earlier link no longer works.`);
}

export async function revokeTeamInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = teamInvitationIdSchema.safeParse({ invitationId: formData.get("invitationId") });
  if (!parsed.success) return invalidForm(parsed.error);
  return asActor(async (actor) => `Invitation to ${await revokeTeamInvitation(actor, parsed.data.invitationId)} revoked: its link no longer works.`);
}

export async function changeMemberRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = changeMemberRoleSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!parsed.success) return invalidForm(parsed.error);
  return asActor(async (actor) => {
    const { email, changed } = await changeMemberRole(actor, parsed.data.userId, parsed.data.role);
    return changed ? `${email} is now ${parsed.data.role === "owner" ? "an owner" : "a member"}.` : `${email} already has that role.`;
  });
}

/** "Remove" (after the dialog's confirmation). */
export async function removeMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = memberIdSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) return invalidForm(parsed.error);
  return asActor(async (actor) => `${await removeMember(actor, parsed.data.userId)} was removed from the team and signed out everywhere.`);
}

/** "Leave organization": this browser stays signed in, without an organization; the others are signed out. */
export async function leaveOrganizationAction(_previous: FormState): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  try {
    await leaveOrganization(actor);
  } catch (error) {
    return formStateFromError(error);
  }
  await startSessionCookie(actor.userId);
  redirect("/");
}

/** The invitation page's form for someone without an account: signed in at once, as a member. */
export async function acceptTeamInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = acceptTeamInvitationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  let userId: string;
  try {
    ({ userId } = await acceptTeamInvitation(parsed.data, clientAddress(await headers())));
  } catch (error) {
    return formStateFromError(error);
  }
  await startSessionCookie(userId, "invitation");
  redirect(teamPage);
}

/** The invitation page's button for the invited person, signed in. */
export async function joinTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const parsed = joinTeamSchema.safeParse({ token: formData.get("token") });
  if (!parsed.success) return invalidForm(parsed.error);
  try {
    await joinTeam(actor, parsed.data.token, clientAddress(await headers()));
  } catch (error) {
    return formStateFromError(error);
  }
  redirect(teamPage);
}
