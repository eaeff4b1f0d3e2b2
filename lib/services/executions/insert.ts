/** Stores an execution and its history in one statement (lib/workflows/engine/insert.ts); false: the name is taken. */
import type { ServiceContext } from "@/lib/services/context";
import type { HistoryEvent } from "@/lib/workflows/engine/history";
import { type ExecutionRow, INSERT_EXECUTION, insertExecutionValues } from "@/lib/workflows/engine/insert";

export async function insertExecution(ctx: ServiceContext, x: ExecutionRow, events: HistoryEvent[]): Promise<boolean> {
  const rows = await ctx.db.$queryRawUnsafe<{ id: string }[]>(INSERT_EXECUTION, ...insertExecutionValues(x, events));
  return rows.length > 0;
}
