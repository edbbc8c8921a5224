import type { Metadata } from "next";
import { PasskeyPanel } from "@/components/settings/security/passkey-panel";
import { SessionsPanel } from "@/components/settings/security/sessions-panel";
import { TotpPanel } from "@/components/settings/security/totp-panel";
import { mustEnrolSecondFactor } from "@/lib/auth/actor";
import { securityOverview } from "@/lib/auth/factors/overview";
import { currentSessionId, requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Security" };

/** The second factor, passkeys and signed-in browsers of the signed-in person. */
export default async function SecurityPage() {
  const actor = await requireActor("/settings/security");
  const overview = await securityOverview(actor, await currentSessionId());
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Security</h1>
        {mustEnrolSecondFactor(actor) && (
          <p role="alert" className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="enrolment-required">
            Platform admins need a second factor. Set up an authenticator app or add a passkey to continue.
          </p>
        )}
      </div>
      <section aria-labelledby="second-factor" className="flex flex-col gap-3">
        <h2 id="second-factor" className="text-lg font-medium">Authenticator app</h2>
        <TotpPanel enabled={overview.totpEnabled} unusedRecoveryCodes={overview.recoveryCodes} />
      </section>
      <section aria-labelledby="passkeys" className="flex flex-col gap-3">
        <h2 id="passkeys" className="text-lg font-medium">Passkeys</h2>
        <p className="text-sm text-slate-600">A passkey signs you in on its own, or serves as your second factor after your password.</p>
        <PasskeyPanel passkeys={overview.passkeys} />
      </section>
      <section aria-labelledby="sessions" className="flex flex-col gap-3">
        <h2 id="sessions" className="text-lg font-medium">Signed-in browsers</h2>
        <SessionsPanel sessions={overview.sessions} />
      </section>
    </div>
  );
}
