/** An execution's history events (GetExecutionHistory), in order or reversed, a page at a time. */
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { type HistoryEventRecord, toHistoryEvent } from "@/lib/services/executions/events";
import { getExecutionByArn } from "@/lib/services/executions/record";

export async function getExecutionHistory(
  ctx: ServiceContext,
  arn: string,
  opts: { reverse?: boolean; cursor?: string; limit?: number; includeData?: boolean } = {},
): Promise<{ events: HistoryEventRecord[]; next: string | null }> {
  const execution = await getExecutionByArn(ctx, arn);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const after = opts.cursor === undefined ? null : Number(opts.cursor);
  if (after !== null && !Number.isInteger(after))
    throw new AppError("InvalidParameterValueException", "Invalid Token: the nextToken is not one this server gave", {
      sfnCode: "InvalidToken",
    });
  const rows = await ctx.db.workflowEvent.findMany({
    where: {
      executionId: execution.id,
      ...(after !== null ? { id: opts.reverse ? { lt: after } : { gt: after } } : {}),
    },
    orderBy: { id: opts.reverse ? "desc" : "asc" },
    take: limit + 1,
  });
  let events = rows.slice(0, limit).map(toHistoryEvent);
  if (opts.includeData === false) events = events.map(withoutData);
  return { events, next: rows.length > limit ? String(rows[limit - 1]!.id) : null };
}

/** includeExecutionData false: input and output left out, as Step Functions does. */
function withoutData(e: HistoryEventRecord): HistoryEventRecord {
  if (!e.details) return e;
  const { input: _i, output: _o, parameters: _p, ...rest } = e.details;
  return { ...e, details: rest };
}
