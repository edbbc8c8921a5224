import "server-only";
import { acceptTotpCode } from "./totp";
import { spendRecoveryCode } from "./recovery-codes";

/**
 * A second factor typed into a "Code" field (sign-in's second step, or `otp` on the TIMP
 * user-login): the authenticator app's current code, or one of the recovery codes. Each is good
 * once. The caller has counted the attempt against the account's sign-in limit.
 */
export async function acceptSecondFactorCode(userId: string, code: string, now = new Date()): Promise<"totp" | "recovery" | null> {
  const typed = code.trim();
  if (/^\d{6}$/.test(typed)) return (await acceptTotpCode(userId, typed, now)) ? "totp" : null;
  return (await spendRecoveryCode(userId, typed, now)) ? "recovery" : null;
}
