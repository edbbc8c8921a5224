import Link from "next/link";
import { shortDate } from "@/components/connections/request-table";
import { StatusBadge } from "@/components/connections/status-badge";
import type { RecentDecision } from "@/lib/dashboards/decisions";
import { Empty } from "./card";

/** Recent decisions with their reasons; admins also see whose request it was. */
export function DecisionList({ decisions, hrefFor, showOrganization = false }: { decisions: RecentDecision[]; hrefFor: (id: string) => string; showOrganization?: boolean }) {
  if (decisions.length === 0) return <Empty>No decisions yet.</Empty>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="recent-decisions">
      {decisions.map((decision) => (
        <li key={`${decision.requestId}-${decision.at}`} className="py-2 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <StatusBadge status={decision.decision} />
            <Link href={hrefFor(decision.requestId)} className="font-medium text-brand-700 underline">
              {showOrganization ? `${decision.organizationName} → ${decision.supplierName}` : decision.supplierName}
            </Link>
            <span className="text-slate-600">{shortDate(decision.at)}</span>
          </p>
          {decision.message && <p className="mt-1 whitespace-pre-wrap text-slate-700">“{decision.message}”</p>}
        </li>
      ))}
    </ul>
  );
}
