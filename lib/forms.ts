import type { z } from "zod";
import { AppError, type FieldErrors } from "./http/errors";

/** What a server action returns to a `useActionState` form. */
export type FormState = { ok: true; message?: string } | { ok: false; message: string; fieldErrors: FieldErrors } | null;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export function invalidForm(error: z.ZodError): FormState {
  return { ok: false, message: "Please correct the fields marked below.", fieldErrors: fieldErrorsOf(error) };
}

/** Turns an expected failure into form state; anything else is rethrown to the error page. */
export function formStateFromError(error: unknown): FormState {
  if (error instanceof AppError && error.status < 500) {
    const message = error.fieldErrors ? "Please correct the fields marked below." : error.message;
    return { ok: false, message, fieldErrors: error.fieldErrors ?? {} };
  }
  throw error;
}

export const signedOutState: FormState = { ok: false, message: "Your session has ended. Sign in again.", fieldErrors: {} };
