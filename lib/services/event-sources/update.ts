/** Changes a mapping; enabling or disabling passes through Enabling/Disabling until the pollers follow. */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { targetLabel } from "@/lib/workflows/arn";
import { parseInput } from "@/lib/services/validate";
import { getMappingOrThrow } from "@/lib/services/event-sources/get";
import { MAPPING_INCLUDE, toMappingRecord, type MappingRecord } from "@/lib/services/event-sources/record";
import { updateMappingInput, type UpdateMappingInput } from "@/lib/services/event-sources/schemas";
import { checkTarget } from "@/lib/services/event-sources/target";
import { invalid } from "@/lib/errors";
import { stateMachineArn } from "@/lib/workflows/arn";

export async function updateMapping(
  ctx: ServiceContext,
  id: string,
  input: UpdateMappingInput,
): Promise<MappingRecord> {
  const data = parseInput(updateMappingInput, input);
  const current = await getMappingOrThrow(ctx, id);
  const { functionName, filterCriteria, ...settings } = data;
  // A new target is checked, and so is the old one when the settings ask what it may not give.
  const report = settings.reportBatchItemFailures ?? current.reportBatchItemFailures;
  const ref =
    functionName ??
    (current.stateMachineName && settings.reportBatchItemFailures
      ? stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, current.stateMachineName)
      : null);
  const target = ref ? await checkTarget(ctx, ref, current.queueName, report) : null;
  const batchSize = settings.batchSize ?? current.batchSize;
  const window = settings.maxBatchingWindowSec ?? current.maxBatchingWindowSec;
  if (batchSize > 10 && !window)
    throw invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
  const toggled = settings.enabled !== undefined && settings.enabled !== current.enabled;
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.eventSourceMapping.update({
      where: { id },
      data: {
        ...settings,
        ...(filterCriteria !== undefined ? { filterCriteria: filterCriteria ?? { Filters: [] } } : {}),
        ...(target ? target : {}),
        ...(toggled
          ? { state: settings.enabled ? "Enabling" : "Disabling", stateTransitionReason: "USER_INITIATED" }
          : {}),
        updatedAt: new Date(),
      },
      include: MAPPING_INCLUDE,
    });
    await recordAudit(tx, ctx, "event-source-mapping.update", targetLabel(toMappingRecord(updated)), {
      uuid: id,
      ...settings,
    });
    return updated;
  });
  ctx.eventSourcesChanged?.();
  return toMappingRecord(row);
}
