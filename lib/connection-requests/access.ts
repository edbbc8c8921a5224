import { isAdmin, type Actor } from "../auth/actor";
import { AppError } from "../http/errors";

/** Connection requests are a retailer's to make (409 otherwise, as the mirrored API does). */
export function requireRetailer(actor: Actor): { id: string; name: string } {
  if (actor.organization?.type !== "retailer") {
    throw new AppError("wrong_organization_type", "Only members of a retailer organization can request connections.");
  }
  return actor.organization;
}

/** Admins decide requests; only the requesting organization edits them. */
export function requireRequestingMember(actor: Actor): { id: string } {
  if (isAdmin(actor) || !actor.organization) {
    throw new AppError("forbidden", "Only members of the requesting organization can change a request.");
  }
  return actor.organization;
}
