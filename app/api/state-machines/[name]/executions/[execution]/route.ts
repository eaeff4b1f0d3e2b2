import { route } from "@/lib/http/route";
import { getExecutionHistory, getExecutionOrThrow, type HistoryEventRecord } from "@/lib/services/executions";

type P = { name: string; execution: string };

/** The console shows at most this many events of one execution (the oldest). */
const MAX_EVENTS = 5000;

/** GET → { execution, events, truncated }: the record with its history, all pages of it up to MAX_EVENTS. */
export const GET = route<P>(async ({ params, platform }) => {
  const ctx = platform.services;
  const execution = await getExecutionOrThrow(ctx, params.name, params.execution);
  const events: HistoryEventRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await getExecutionHistory(ctx, execution.arn, {
      cursor,
      limit: Math.min(1000, MAX_EVENTS - events.length),
    });
    events.push(...page.events);
    cursor = page.next ?? undefined;
  } while (cursor && events.length < MAX_EVENTS);
  return { execution, events, truncated: cursor !== undefined };
});
