/** An event source mapping's settings, with Lambda's limits for an SQS source. */
import { z } from "zod";
import { compilePattern } from "@/lib/event-sources/filter";
import { queueName } from "@/lib/services/queues/schemas";

const whole = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`);

/** FilterCriteria as the API takes it: at most 5 filters, each a JSON event pattern. */
export const filterCriteria = z
  .object({
    Filters: z
      .array(z.object({ Pattern: z.string({ error: "Filters[].Pattern must be a JSON string" }) }))
      .max(5, "FilterCriteria may hold at most 5 filters"),
  })
  .superRefine((f, ctx) => {
    for (const { Pattern } of f.Filters) {
      try {
        compilePattern(Pattern);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }
  });
export type FilterCriteria = z.output<typeof filterCriteria>;

const settings = {
  batchSize: whole("BatchSize", 1, 10_000),
  maxBatchingWindowSec: whole("MaximumBatchingWindowInSeconds", 0, 300),
  reportBatchItemFailures: z.boolean(),
  filterCriteria: filterCriteria.nullable(),
  maxConcurrency: whole("ScalingConfig.MaximumConcurrency", 2, 1000).nullable(),
  enabled: z.boolean(),
};

export const createMappingInput = z
  .object({
    functionName: z.string().min(1, "FunctionName is required"),
    queueName,
    batchSize: settings.batchSize.default(10),
    maxBatchingWindowSec: settings.maxBatchingWindowSec.optional(),
    reportBatchItemFailures: settings.reportBatchItemFailures.default(false),
    filterCriteria: settings.filterCriteria.default(null),
    maxConcurrency: settings.maxConcurrency.default(null),
    enabled: settings.enabled.default(true),
  })
  .superRefine((d, ctx) => {
    // Lambda's rule for SQS: batches over 10 need a batching window.
    if (d.batchSize > 10 && !d.maxBatchingWindowSec)
      ctx.addIssue({
        code: "custom",
        message: "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
      });
  });
export type CreateMappingInput = z.input<typeof createMappingInput>;

export const updateMappingInput = z.object({
  functionName: z.string().min(1).optional(),
  batchSize: settings.batchSize.optional(),
  maxBatchingWindowSec: settings.maxBatchingWindowSec.optional(),
  reportBatchItemFailures: settings.reportBatchItemFailures.optional(),
  filterCriteria: settings.filterCriteria.optional(),
  maxConcurrency: settings.maxConcurrency.optional(),
  enabled: settings.enabled.optional(),
});
export type UpdateMappingInput = z.input<typeof updateMappingInput>;
