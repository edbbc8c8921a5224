"use client";

import { useRef } from "react";

interface MemberActionsProps {
  member: { id: string; name: string; email: string; role: "owner" | "member" };
  changeRole: (formData: FormData) => void;
  remove: (formData: FormData) => void;
  pending: boolean;
}

/** An owner's controls for one member: change the role, or remove them after a confirmation dialog. */
export function MemberActions({ member, changeRole, remove, pending }: MemberActionsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={changeRole} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={member.id} />
        <label htmlFor={`role-${member.id}`} className="sr-only">Role of {member.name}</label>
        <select id={`role-${member.id}`} name="role" defaultValue={member.role} className="rounded border border-slate-300 px-2 py-1">
          <option value="member">Member</option>
          <option value="owner">Owner</option>
        </select>
        <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60">
          Save role
        </button>
      </form>
      <button type="button" onClick={() => dialog.current?.showModal()} className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50">
        Remove
      </button>
      <dialog ref={dialog} aria-labelledby={`remove-${member.id}`} className="m-auto max-w-sm rounded border border-slate-300 p-4 shadow-lg backdrop:bg-slate-900/40">
        <form action={remove} onSubmit={() => dialog.current?.close()} className="flex flex-col gap-3 text-sm">
          <h2 id={`remove-${member.id}`} className="text-base font-semibold">Remove {member.name}?</h2>
          <p>{member.email} loses access to the organization at once: their sessions, API tokens, app authorizations and webhook endpoints end.</p>
          <input type="hidden" name="userId" value={member.id} />
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
              Cancel
            </button>
            <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60">
              Remove
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
