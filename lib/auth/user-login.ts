import "server-only";
import type { Actor } from "./actor";
import { issueApiToken, loginTokenLifetimeMs } from "./api-tokens";
import { verifyCredentials } from "./options";
import { db } from "../db/client";
import { adminsNeedSecondFactor } from "../env";
import { clientAddress } from "../http/client-address";
import { AppError } from "../http/errors";
import { rememberAddress, signIn } from "../rate-limit";
import { secondFactorFirst } from "./actor";
import { acceptSecondFactorCode } from "./factors/second-factor";

/** What a client hears when the account needs its second factor with the password. */
export const secondFactorNeeded =
  'This account has a second factor: send "otp" (a current code from the authenticator app, or a recovery code) with username and password, or use a named API token (Settings → API tokens).';

/** Permission names a TIMP client can read from user-login, derived from role and organization. */
function permissionAssignments(role: Actor["role"], organizationType: "retailer" | "supplier" | null): string[] {
  if (role === "admin") return ["connections.request.view_all", "connections.request.approve", "connections.request.reject"];
  const member = ["connections.request.view", "connections.view", "files.upload", "files.view"];
  return organizationType === "retailer" ? [...member, "connections.request.create", "connections.request.change"] : member;
}

/**
 * TIMP's user-login: the same rate-limited password check as the portal, then a `Token` that
 * lasts two hours. Wrong password and unknown user get the same answer.
 */
export async function timpUserLogin(body: { username: string; password: string; otp?: string | undefined }, headers: Headers) {
  const user = await verifyCredentials({ email: body.username, password: body.password }, headers);
  if (!user) throw new AppError("unauthenticated", "Unable to log in with provided credentials.");
  if (user.secondFactorAt) {
    // The password alone must not open an account with a second factor; the attempt was counted above.
    if (!body.otp) throw new AppError("forbidden", secondFactorNeeded);
    if (!(await acceptSecondFactorCode(user.id, body.otp))) throw new AppError("unauthenticated", "Unable to log in with provided credentials.");
    await rememberAddress(signIn, user.email, clientAddress(headers));
  } else if (user.role === "admin" && adminsNeedSecondFactor()) {
    throw new AppError("forbidden", secondFactorFirst);
  }
  const { token } = await issueApiToken(user.id, { name: "user-login", lifetimeMs: loginTokenLifetimeMs });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  const organization = user.organization;
  const orgType = user.role === "admin" ? "PLATFORM" : (organization?.type.toUpperCase() ?? "");
  return {
    auth_token: token,
    org_uuid: organization?.id ?? "",
    user_uuid: user.id,
    retailer_uuid: organization?.type === "retailer" ? organization.id : "",
    supplier_uuid: organization?.type === "supplier" ? organization.id : "",
    org_type: orgType,
    permission_assignments: permissionAssignments(user.role, organization?.type ?? null),
  };
}
