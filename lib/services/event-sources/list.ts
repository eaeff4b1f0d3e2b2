/** Mappings, by function, state machine and/or queue, oldest first, a page at a time (the marker is the last id given). */
import type { ServiceContext } from "@/lib/services/context";
import { MAPPING_INCLUDE, toMappingRecord, type MappingRecord } from "@/lib/services/event-sources/record";

export async function listMappings(
  ctx: ServiceContext,
  o: { functionName?: string; stateMachineName?: string; queueName?: string; after?: string; limit?: number } = {},
): Promise<{ mappings: MappingRecord[]; next: string | null }> {
  const limit = o.limit ?? 100;
  const rows = await ctx.db.eventSourceMapping.findMany({
    where: {
      ...(o.functionName ? { fn: { name: o.functionName } } : {}),
      ...(o.stateMachineName ? { stateMachine: { name: o.stateMachineName } } : {}),
      ...(o.queueName ? { queueName: o.queueName } : {}),
      ...(o.after ? { id: { gt: o.after } } : {}),
    },
    include: MAPPING_INCLUDE,
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map(toMappingRecord);
  return { mappings: page, next: rows.length > limit ? page.at(-1)!.id : null };
}
