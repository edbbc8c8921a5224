import { z } from "zod";

/** POST /requests: which kinds of data to copy (ids of the data-type catalogue). */
export const createDataRequestSchema = z.object(
  {
    dataRequested: z
      .array(z.string({ error: "Each entry must be a data type id (a string)." }).max(100), {
        error: (issue) => (issue.input === undefined ? "dataRequested is required." : "dataRequested must be an array of data type ids."),
      })
      .min(1, "Ask for at least one data type.")
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, "Each data type may be asked for once."),
  },
  { error: "The body must be a JSON object." },
);
export type CreateDataRequestInput = z.output<typeof createDataRequestSchema>;
