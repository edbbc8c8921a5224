"use client";

import { useActionState } from "react";
import { Table, wideOnly } from "@/components/ui/table";
import { endSessionAction } from "@/lib/auth/factors/security-actions";
import type { SignedInBrowser } from "@/lib/auth/sessions";
import { SecurityOutcome } from "./outcome";

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The person's signed-in browsers, with "Sign out" on each but this one (which signs out from the header). */
export function SessionsPanel({ sessions }: { sessions: SignedInBrowser[] }) {
  const [state, endSession, ending] = useActionState(endSessionAction, null);
  return (
    <div className="flex flex-col gap-2">
      <SecurityOutcome state={state} testId="session-outcome" />
      <Table caption="Your signed-in browsers" columns={[{ label: "Device" }, { label: "Address", wide: true }, { label: "Signed in with", wide: true }, { label: "Last seen" }, { label: "Actions", srOnly: true }]}>
        {sessions.map((session) => (
          <tr key={session.id} className="border-b border-slate-100" data-testid="session-row">
            <td className="px-3 py-2">
              {session.device}
              {session.current && <span className="ml-1 text-slate-500">(this browser)</span>}
            </td>
            <td className={`px-3 py-2 ${wideOnly}`}>{session.ipAddress || "—"}</td>
            <td className={`px-3 py-2 ${wideOnly}`}>{session.method}</td>
            <td className="px-3 py-2">{when(session.lastSeenAt)}</td>
            <td className="px-3 py-2">
              {!session.current && (
                <form action={endSession}>
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button type="submit" disabled={ending} aria-label={`Sign out ${session.device}, last seen ${when(session.lastSeenAt)}`} className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-60">
                    Sign out
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
