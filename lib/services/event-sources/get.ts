import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { MAPPING_INCLUDE, toMappingRecord, type MappingRecord } from "@/lib/services/event-sources/record";

export async function getMappingOrThrow(ctx: ServiceContext, id: string): Promise<MappingRecord> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await ctx.db.eventSourceMapping.findUnique({ where: { id }, include: MAPPING_INCLUDE })
    : null;
  if (!row)
    throw notFound(
      `The resource you requested does not exist. (Service: Lambda, event source mapping ${id.slice(0, 64)})`,
    );
  return toMappingRecord(row);
}
