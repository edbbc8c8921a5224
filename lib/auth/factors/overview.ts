import "server-only";
import { db } from "../../db/client";
import type { Actor } from "../actor";
import { listSignedInBrowsers } from "../sessions";
import { listPasskeys } from "./passkeys";
import { unusedRecoveryCodes } from "./recovery-codes";

/** What the Security tab shows: the second factor, the passkeys, the signed-in browsers. */
export async function securityOverview(actor: Actor, currentSessionId: string | null) {
  const [user, recoveryCodes, passkeys, sessions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } }),
    unusedRecoveryCodes(actor.userId),
    listPasskeys(actor),
    listSignedInBrowsers(actor, currentSessionId),
  ]);
  return { totpEnabled: user.totpEnabledAt !== null, recoveryCodes, passkeys, sessions };
}
