"use client";

import { useEffect } from "react";
import { markSubjectReadAction } from "@/lib/notifications/actions";
import type { ReadSubject } from "@/lib/notifications/notifications";

/**
 * Opening a request's page reads what the person was told about it. A GET never writes: the
 * browser posts this once the page is on screen (a prefetch or a crawler marks nothing), and the
 * action's revalidation brings the header's count up to date.
 */
export function MarkReadOnView({ subject }: { subject: ReadSubject }) {
  const key = JSON.stringify(subject);
  useEffect(() => {
    void markSubjectReadAction(JSON.parse(key) as typeof subject);
  }, [key]);
  return null;
}
