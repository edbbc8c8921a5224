import type { ConnectionStatusName } from "../schemas/connections";

/**
 * How the portal says a connection's state and a feed's phase. The API keeps its own spelling
 * ("CONFIRMATION WAITING"); people read these. Plain data: forms in the browser import it.
 */
export const connectionStatusLabels: Record<ConnectionStatusName, string> = {
  "CONFIRMATION WAITING": "Waiting for confirmation",
  ACTIVE: "Active",
  DEACTIVATED: "Deactivated",
};

export const feedPhaseLabels: Record<string, string> = { setup: "Setup", testing: "Testing", live: "Live", paused: "Paused" };

export const sideLabels = { retailer: "Retailer", supplier: "Supplier", admin: "Platform admin" } as const;

/**
 * The lib's refusals name states as the API spells them, for API clients; a person reads the
 * portal's words instead ("This connection is active; it can only be confirmed while waiting
 * for confirmation.").
 */
export function inPortalWords(message: string): string {
  return message
    .replaceAll("CONFIRMATION WAITING", "waiting for confirmation")
    .replaceAll("ACTIVE", "active")
    .replaceAll("DEACTIVATED", "deactivated")
    .replace("suppliers_retailer_account_number", "the supplier's account number for the retailer")
    .replace("retailers_supplier_account_number", "the retailer's account number for the supplier");
}
