/** A state machine's executions, newest first, a page at a time (the cursor is the last one's start and id). */
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";
import { type ExecutionRecord, type ExecutionStatus, toExecutionRecord } from "@/lib/services/executions/record";

export interface ListExecutionsOptions {
  status?: ExecutionStatus;
  cursor?: string;
  limit?: number;
}

export async function listExecutions(
  ctx: ServiceContext,
  machineName: string,
  opts: ListExecutionsOptions = {},
): Promise<{ items: ExecutionRecord[]; next: string | null }> {
  const machine = await getStateMachineOrThrow(ctx, machineName);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await ctx.db.workflowExecution.findMany({
    where: {
      stateMachineId: machine.id,
      ...(opts.status ? { status: opts.status } : {}),
      ...(after ? { OR: [{ startedAt: { lt: after.at } }, { startedAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const items = rows.slice(0, limit).map((r) => toExecutionRecord(ctx, machine.name, r));
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return { items, next: last ? Buffer.from(`${last.startedAt.toISOString()}|${last.id}`).toString("base64url") : null };
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || Number.isNaN(date.getTime()))
    throw new AppError("InvalidParameterValueException", "Invalid Token: the nextToken is not one this server gave", {
      sfnCode: "InvalidToken",
    });
  return { at: date, id };
}
