import { signOutAction } from "@/lib/auth/session-actions";

/** A plain form: signing out needs no script on the page. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}
