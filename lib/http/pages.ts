import { notFound } from "next/navigation";
import { AppError } from "./errors";

/** For pages: a data function's 404 becomes the not-found page (another org's id included). */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
