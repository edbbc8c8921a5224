/** Preformatted code that scrolls inside its own box, never the page, on a narrow screen. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <pre className="max-w-full overflow-x-auto rounded bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" tabIndex={0} aria-label={label}>
      <code>{code}</code>
    </pre>
  );
}
