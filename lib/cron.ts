import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";

/**
 * Update schedules are cron expressions of 5 fields, or 6 with a leading seconds field. Shared by
 * the schemas (validation) and the portal form (description and next runs as you type).
 */
export const cronFormatMessage = "Enter a cron expression of 5 fields (minute hour day month weekday), or 6 with a leading seconds field.";

export function cronError(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 && fields.length !== 6) return cronFormatMessage;
  try {
    CronExpressionParser.parse(fields.join(" "), { tz: "UTC" });
    return null;
  } catch (error) {
    return `${cronFormatMessage} ${(error as Error).message}.`;
  }
}

/** The next `count` run times (UTC) after `from`. The expression must be valid. */
export function nextRuns(expression: string, count: number, from = new Date()): Date[] {
  const schedule = CronExpressionParser.parse(expression.trim(), { currentDate: from, tz: "UTC" });
  return schedule.take(count).map((date) => date.toDate());
}

export function describeCron(expression: string): string {
  return cronstrue.toString(expression.trim(), { use24HourTimeFormat: true, verbose: false }) + " (UTC)";
}
