import { adminsNeedSecondFactor } from "../../env";
import { AppError } from "../../http/errors";
import type { Actor } from "../actor";

/** Platform admins keep a second factor while REQUIRE_ADMIN_MFA is on: their last one cannot be removed (409). */
export function assertMayGoWithoutFactor(actor: Actor): void {
  if (actor.role === "admin" && adminsNeedSecondFactor()) {
    throw new AppError("conflict", "Platform admins must keep a second factor: add another (a passkey or an authenticator app) before removing this one.");
  }
}
