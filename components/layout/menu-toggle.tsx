"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

/**
 * On a narrow screen the header's links fold behind a Menu button; from `lg` up they are always
 * shown and the button is gone. The same elements serve both, so each exists once on the page.
 */
export function MenuToggle({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // Following a link closes the menu.
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", closeOnEscape);
    return () => window.removeEventListener("keydown", closeOnEscape);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1 text-sm lg:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <div
        id="main-menu"
        // From lg up the wrapper dissolves (display: contents): its children line up in the header's row.
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-200 pt-3 lg:contents`}
      >
        {children}
      </div>
    </>
  );
}
