/** Deletes a mapping; its pollers stop at their next look. Answers it as it was, in state Deleting. */
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { targetLabel } from "@/lib/workflows/arn";
import { getMappingOrThrow } from "@/lib/services/event-sources/get";
import type { MappingRecord } from "@/lib/services/event-sources/record";

export async function deleteMapping(ctx: ServiceContext, id: string): Promise<MappingRecord> {
  const current = await getMappingOrThrow(ctx, id);
  await ctx.db.$transaction(async (tx) => {
    await tx.eventSourceMapping.delete({ where: { id } });
    await recordAudit(tx, ctx, "event-source-mapping.delete", targetLabel(current), { uuid: id });
  });
  ctx.eventSourcesChanged?.();
  return { ...current, state: "Deleting" };
}
