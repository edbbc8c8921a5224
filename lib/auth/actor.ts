import { adminsNeedSecondFactor } from "../env";
import { forbidden } from "../http/errors";

/** Who is making a request, as read from the database on every request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: "member" | "admin";
  /** The person's organization, and their role in it. */
  organization: { id: string; name: string; type: "retailer" | "supplier"; role: "owner" | "member" } | null;
  /** Whether they have a second factor (an authenticator app or a passkey). */
  hasSecondFactor: boolean;
}

export const secondFactorFirst = "A second factor must be enrolled first: add an authenticator app or a passkey on Settings → Security.";

/** A platform admin who must enrol a second factor before anything else (REQUIRE_ADMIN_MFA). */
export const mustEnrolSecondFactor = (actor: Pick<Actor, "role" | "hasSecondFactor">) => actor.role === "admin" && !actor.hasSecondFactor && adminsNeedSecondFactor();

export const isAdmin = (actor: Actor) => actor.role === "admin";

/** Whether the actor owns (manages the team of) their organization. */
export const isOwner = (actor: Actor) => actor.organization?.role === "owner";

/** Admin-only work: anyone else gets a 403 saying what only admins may do, before anything is read. */
export function assertAdmin(actor: Actor, refusal: string): void {
  if (!isAdmin(actor)) throw forbidden(refusal);
  if (mustEnrolSecondFactor(actor)) throw forbidden(secondFactorFirst);
}

/** Team management: a member of the organization who is not its owner gets a 403 naming the work. */
export function assertOwner(actor: Actor, refusal: string): asserts actor is Actor & { organization: NonNullable<Actor["organization"]> } {
  if (!isOwner(actor)) throw forbidden(refusal);
}

export function displayName(user: { firstName: string; lastName: string; email: string }): string {
  return `${user.firstName} ${user.lastName}`.trim() || user.email;
}

interface UserWithOrganization {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: "member" | "admin";
  organizationRole: "owner" | "member";
  secondFactorAt: Date | null;
  organization: { id: string; name: string; type: "retailer" | "supplier" } | null;
}

export function toActor(user: UserWithOrganization): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: displayName(user),
    role: user.role,
    organization: user.organization && { id: user.organization.id, name: user.organization.name, type: user.organization.type, role: user.organizationRole },
    hasSecondFactor: user.secondFactorAt !== null,
  };
}
