"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavigationLink } from "@/lib/auth/navigation";

/** A section's pages as tabs; the current one is marked for sight and for screen readers. */
export function SectionTabs({ label, links }: { label: string; links: NavigationLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 py-2 ${current ? "border-brand-700 font-semibold text-brand-700" : "border-transparent hover:border-slate-300"}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
