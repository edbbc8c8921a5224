import { z } from "zod";
import { optionalText, requiredText, text } from "./fields";

/**
 * Connections as the TIMP API takes them: the other side's answer (confirm, decline), ending one,
 * each side's account number for the other, and moving a feed through its phases.
 */
export const connectionStatuses = ["CONFIRMATION WAITING", "ACTIVE", "DEACTIVATED"] as const;
export type ConnectionStatusName = (typeof connectionStatuses)[number];

/** setup → testing → live, and paused from any of them (and back). */
export const feedPhases = ["setup", "testing", "live", "paused"] as const;

const dictionary = { error: "Invalid data. Expected a dictionary." };

/** Declining or deactivating says why: the other side reads it. */
export const connectionReasonSchema = z.object({ reason: requiredText(2000) }, dictionary);

/**
 * Each side sets only its own number for the other; which field a caller may set is checked in
 * lib/connections/account-numbers.ts. Unknown fields are refused, so a typo is not a silent no-op.
 */
export const updateConnectionSchema = z.strictObject(
  {
    suppliers_retailer_account_number: text(100).nullable().optional(),
    retailers_supplier_account_number: text(100).nullable().optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : dictionary.error) },
);

export const moveFeedSchema = z.object(
  {
    phase: z.enum(feedPhases, { error: (issue) => (issue.input === undefined ? "This field is required." : `"${String(issue.input)}" is not a valid choice. Choose one of: ${feedPhases.join(", ")}.`) }),
    note: optionalText(2000),
  },
  dictionary,
);
