import { z } from "zod";
import { description } from "@/lib/services/functions/schemas";

export const publishInput = z.object({
  description: description.optional(),
  codeSha256: z.string().max(128).optional(),
  revisionId: z.string().max(64).optional(),
});
export type PublishInput = z.input<typeof publishInput>;

export const listVersionsInput = z.object({
  marker: z.string().max(16).optional(),
  maxItems: z
    .number()
    .int("MaxItems must be a whole number")
    .min(1, "MaxItems must be between 1 and 10000")
    .max(10_000, "MaxItems must be between 1 and 10000")
    .default(50),
});
