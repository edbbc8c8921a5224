"use client";

import { useEffect, useState } from "react";

type Cron = typeof import("@/lib/cron");

/**
 * A cron input that says in words what the schedule means and when it next runs, as you type.
 * The parser and describer (about 40 KiB gzipped with their date library) load once there is
 * something to describe, not with the page.
 */
export function CronField({ id, value, onChange, errors }: { id: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  const [cron, setCron] = useState<Cron | null>(null);
  const hasValue = value.trim() !== "";
  useEffect(() => {
    if (hasValue && !cron) void import("@/lib/cron").then((module) => setCron(() => module));
  }, [hasValue, cron]);
  const problem = hasValue && cron ? cron.cronError(value) : null;
  const previewId = `${id}-preview`;
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">Update frequency (cron)</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="0 2 * * *"
        aria-invalid={problem || errors?.length ? true : undefined}
        aria-describedby={`${previewId}${errors?.length ? ` ${errorId}` : ""}`}
        className="rounded border border-slate-300 px-3 py-2 font-mono aria-invalid:border-red-600"
      />
      <div id={previewId} className="min-h-10 text-xs text-slate-600" aria-live="polite" data-testid="cron-preview">
        {!hasValue ? (
          "Minute, hour, day of month, month, day of week (times in UTC)."
        ) : !cron ? (
          "Reading the schedule…"
        ) : problem ? (
          <span className="text-red-700">{problem}</span>
        ) : (
          <>
            <span className="font-medium">{cron.describeCron(value)}</span>
            <span className="block">
              Next runs: {cron.nextRuns(value, 3).map((date) => date.toISOString().replace("T", " ").slice(0, 16)).join(" · ")}
            </span>
          </>
        )}
      </div>
      {errors?.length ? <p id={errorId} className="text-sm text-red-700">{errors.join(" ")}</p> : null}
    </div>
  );
}
