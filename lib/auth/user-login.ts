import "server-only";
import type { Actor } from "./actor";
import { issueApiToken, loginTokenLifetimeMs } from "./api-tokens";
import { verifyCredentials } from "./options";
import { db } from "../db/client";
import { AppError } from "../http/errors";

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
export async function timpUserLogin(body: { username: string; password: string }, headers: Headers) {
  const user = await verifyCredentials({ email: body.username, password: body.password }, headers);
  if (!user) throw new AppError("unauthenticated", "Unable to log in with provided credentials.");
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
