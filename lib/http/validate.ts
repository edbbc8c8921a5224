import type { z } from "zod";
import { fieldPath } from "../schemas/fields";
import { AppError, type FieldErrors } from "./errors";

/**
 * Validates input with a shared schema. Field problems become a 400 with one list of messages per
 * field (`{"integrations[1].update_frequency": ["..."]}`); a problem with the input as a whole
 * becomes a 400 with its message.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  let wholeInput: string | undefined;
  for (const issue of result.error.issues) {
    const key = fieldPath(issue.path);
    if (!key) wholeInput ??= issue.message;
    else (fieldErrors[key] ??= []).push(issue.message);
  }
  if (wholeInput && Object.keys(fieldErrors).length === 0) throw new AppError("validation", wholeInput);
  throw new AppError("validation", "Invalid input.", { fieldErrors });
}

/** Query-string parameters as an object (the first value of a repeated name). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) if (!(name in result)) result[name] = value;
  return result;
}
