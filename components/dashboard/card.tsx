import Link from "next/link";
import type { ReactNode } from "react";

/** A titled panel of the home page, with an optional link to the whole list. */
export function Card({ title, more, children, testId }: { title: string; more?: { href: string; label: string }; children: ReactNode; testId?: string }) {
  const id = `card-${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3 rounded border border-slate-200 bg-white p-4" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">{title}</h2>
        {more && <Link href={more.href} className="text-sm text-brand-700 underline">{more.label}</Link>}
      </div>
      {children}
    </section>
  );
}

/** A figure that leads to the list it counts. */
export function Figure({ label, value, href, emphasis = false, testId }: { label: string; value: string | number; href: string; emphasis?: boolean; testId?: string }) {
  return (
    <li>
      <Link
        href={href}
        className={`flex h-full flex-col rounded border px-3 py-2 hover:bg-slate-50 ${emphasis ? "border-sky-600 bg-sky-50" : "border-slate-200"}`}
        data-testid={testId}
      >
        <span className="text-2xl font-semibold tabular-nums">{typeof value === "number" ? value.toLocaleString("en-GB") : value}</span>
        <span className="text-sm text-slate-700">{label}</span>
      </Link>
    </li>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}
