import { z } from "zod";
import { emailSchema, organizationRoleSchema, passwordSchema } from "./users";

/** An owner invites someone into the team, as a member unless they say otherwise. */
export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: organizationRoleSchema.default("member"),
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const teamInvitationIdSchema = z.object({ invitationId: z.uuid("Choose an invitation.") });

export const memberIdSchema = z.object({ userId: z.uuid("Choose a member.") });

export const changeMemberRoleSchema = memberIdSchema.extend({ role: organizationRoleSchema });

const token = z.string().min(10, "This link is incomplete: open the one in the e-mail.").max(200);

/** The invitation page for someone without an account: their name and a password (the address is the invitation's). */
export const acceptTeamInvitationSchema = z.object({
  token,
  name: z.string().trim().min(1, "Enter your name.").max(200, "At most 200 characters."),
  password: passwordSchema,
});
export type AcceptTeamInvitationInput = z.infer<typeof acceptTeamInvitationSchema>;

/** The invitation page for someone signed in with the invited address. */
export const joinTeamSchema = z.object({ token });
