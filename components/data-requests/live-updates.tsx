"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Refreshes the page's server data every few seconds while a request is in progress, and
 * announces in a live region when one becomes ready.
 */
export function LiveUpdates({ states, intervalMs = 3000 }: { states: { id: string; state: string }[]; intervalMs?: number }) {
  const router = useRouter();
  const previous = useRef(new Map(states.map((item) => [item.id, item.state])));
  const [announcement, setAnnouncement] = useState("");
  const active = states.some((item) => item.state === "queued" || item.state === "processing");

  useEffect(() => {
    const readyNow = states.filter((item) => item.state === "ready" && previous.current.get(item.id) && previous.current.get(item.id) !== "ready");
    previous.current = new Map(states.map((item) => [item.id, item.state]));
    if (readyNow.length) {
      // The live region speaks when fresh server data shows a request became ready.
      setAnnouncement(readyNow.length === 1 ? "Your copy of your data is ready to download." : `${readyNow.length} copies of your data are ready.`);
    }
  }, [states]);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);

  return (
    <div role="status" aria-live="polite" className="text-sm font-medium text-green-800" data-testid="live-announcement">
      {announcement}
    </div>
  );
}
