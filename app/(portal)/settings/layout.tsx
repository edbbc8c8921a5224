import type { ReactNode } from "react";
import { SectionTabs } from "@/components/layout/section-tabs";
import { settingsNavigationFor } from "@/lib/auth/navigation";
import { getActor } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  return (
    <>
      {actor && <SectionTabs label="Settings" links={settingsNavigationFor(actor)} />}
      {children}
    </>
  );
}
