import type { z } from "zod";
import type { DataRequest } from "../generated/prisma/client";
import type { dataRequestSchema } from "../schemas/responses";

/**
 * The seed's object: required fields always present, optional ones (`expectedCompletion`,
 * `completedAt`) left out rather than null when unknown. Timestamps in UTC ISO 8601.
 */
export function dataRequestDto(row: Pick<DataRequest, "id" | "createdAt" | "expectedCompletion" | "completedAt" | "status" | "dataTypes">): DataRequestDto {
  return {
    requestId: row.id,
    createdAt: row.createdAt.toISOString(),
    ...(row.expectedCompletion ? { expectedCompletion: row.expectedCompletion.toISOString() } : {}),
    isCompleted: row.status === "completed",
    ...(row.completedAt ? { completedAt: row.completedAt.toISOString() } : {}),
    dataRequested: row.dataTypes,
  };
}
export type DataRequestDto = z.output<typeof dataRequestSchema>;
