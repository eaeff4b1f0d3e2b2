/** Creates an event source mapping: a queue feeding a function or a state machine in batches (pollers start on every server). */
import { randomUUID } from "node:crypto";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { targetLabel } from "@/lib/workflows/arn";
import { parseInput } from "@/lib/services/validate";
import { MAPPING_INCLUDE, toMappingRecord, type MappingRecord } from "@/lib/services/event-sources/record";
import { createMappingInput, type CreateMappingInput } from "@/lib/services/event-sources/schemas";
import { checkTarget } from "@/lib/services/event-sources/target";

export async function createMapping(ctx: ServiceContext, input: CreateMappingInput): Promise<MappingRecord> {
  const data = parseInput(createMappingInput, input);
  const target = await checkTarget(ctx, data.functionName, data.queueName, data.reportBatchItemFailures);
  const { functionName: _, filterCriteria, ...settings } = data;
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.eventSourceMapping.create({
      data: {
        id: randomUUID(),
        ...target,
        ...settings,
        maxBatchingWindowSec: settings.maxBatchingWindowSec ?? 0,
        filterCriteria: filterCriteria ?? undefined,
        state: "Creating",
      },
      include: MAPPING_INCLUDE,
    });
    await recordAudit(tx, ctx, "event-source-mapping.create", targetLabel(toMappingRecord(created)), {
      uuid: created.id,
      queue: created.queueName,
      batchSize: created.batchSize,
    });
    return created;
  });
  ctx.eventSourcesChanged?.();
  return toMappingRecord(row);
}
