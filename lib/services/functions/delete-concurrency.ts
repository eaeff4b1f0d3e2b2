import type { ServiceContext } from "../context";
import { getFunctionOrThrow } from "./get";

export async function deleteFunctionConcurrency(ctx: ServiceContext, name: string): Promise<void> {
  const fn = await getFunctionOrThrow(ctx, name);
  await ctx.db.fn.update({ where: { id: fn.id }, data: { reservedConcurrency: null } });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
}
