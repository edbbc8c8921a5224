"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { getActor } from "../auth/session";
import { formStateFromError, signedOutState, type FormState } from "../forms";
import { AppError } from "../http/errors";
import { parseInput } from "../http/validate";
import { connectionReasonSchema, moveFeedSchema, updateConnectionSchema } from "../schemas/connections";
import { updateAccountNumbers } from "./account-numbers";
import { moveFeed } from "./feeds";
import { inPortalWords } from "./labels";
import { confirmConnection, deactivateConnection, declineConnection } from "./transitions";

// Server actions are public POST endpoints: each checks its caller, and lib checks what they may do.

const noSuchConnection: FormState = { ok: false, message: "There is no such connection.", fieldErrors: {} };
const accountNumberFields = ["suppliers_retailer_account_number", "retailers_supplier_account_number"] as const;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/**
 * Runs one change for the signed-in caller on the connection the form names, and answers the
 * form: a refusal in the portal's words, or `done`. The connection's pages show it as it is now.
 */
async function onConnection(formData: FormData, change: (actor: Actor, id: string) => Promise<unknown>, done: string): Promise<FormState> {
  const actor = await getActor();
  if (!actor) return signedOutState;
  const id = z.uuid().safeParse(formData.get("connectionId"));
  if (!id.success) return noSuchConnection;
  try {
    await change(actor, id.data);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return noSuchConnection;
    const state = formStateFromError(error);
    return state && !state.ok ? { ...state, message: inPortalWords(state.message) } : state;
  }
  revalidatePath(`/partners/${id.data}`);
  revalidatePath("/partners");
  return { ok: true, message: done };
}

/** The supplier confirms a connection waiting for it: it becomes active. */
export async function confirmConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return onConnection(formData, (actor, id) => confirmConnection(actor, id), "Confirmed: the connection is active.");
}

/** The supplier declines a connection waiting for it, saying why. */
export async function declineConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return onConnection(
    formData,
    (actor, id) => declineConnection(actor, id, parseInput(connectionReasonSchema, { reason: text(formData, "reason") ?? "" }).reason),
    "Declined: the connection is deactivated.",
  );
}

/** Either organization (or an admin) ends a connection, saying why. */
export async function deactivateConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return onConnection(
    formData,
    (actor, id) => deactivateConnection(actor, id, parseInput(connectionReasonSchema, { reason: text(formData, "reason") ?? "" }).reason),
    "Deactivated.",
  );
}

/** A side saves its own account number for the other; the form sends only the viewer's field, lib refuses the other side's. */
export async function saveAccountNumberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = Object.fromEntries(accountNumberFields.flatMap((field) => (formData.has(field) ? [[field, text(formData, field) ?? ""]] : [])));
  return onConnection(formData, (actor, id) => updateAccountNumbers(actor, id, parseInput(updateConnectionSchema, input)), "Saved.");
}

/** Moves one feed of an active connection to the phase chosen, with an optional note. */
export async function moveFeedAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const integrationId = text(formData, "integrationId") ?? "";
  const input = { phase: text(formData, "phase"), note: text(formData, "note") || undefined };
  return onConnection(formData, (actor, id) => moveFeed(actor, id, integrationId, parseInput(moveFeedSchema, input)), "Moved.");
}
