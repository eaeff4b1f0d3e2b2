import type { ServiceContext } from "../context";
import { parseInput } from "../validate";
import { getFunctionOrThrow } from "./get";
import { toRecord, type FunctionRecord } from "./record";
import { updateConfigurationInput, type UpdateConfigurationInput } from "./schemas";

/** New configuration: a new revision, so new requests get instances with the new settings. */
export async function updateFunctionConfiguration(ctx: ServiceContext, name: string, input: UpdateConfigurationInput): Promise<FunctionRecord> {
  const data = parseInput(updateConfigurationInput, input);
  const current = await getFunctionOrThrow(ctx, name);
  const row = await ctx.db.fn.update({
    where: { id: current.id },
    data: { ...data, revision: { increment: 1 }, updatedAt: new Date() },
  });
  const fn = toRecord(row);
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision, record: fn });
  return fn;
}
