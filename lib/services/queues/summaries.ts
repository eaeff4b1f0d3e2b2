/** Every queue with its numbers, for the console's Queues page: depth, in flight, delayed, oldest message, last hour's traffic. */
import { queueCounts, type QueueCounts } from "@/lib/message-queues/counts";
import type { ServiceContext } from "@/lib/services/context";
import { toQueueRecord, type QueueRecord } from "@/lib/services/queues/record";
import { queueRuntime } from "@/lib/services/queues/runtime";

export interface QueueSummary extends QueueRecord, QueueCounts {
  /** Queues whose RedrivePolicy sends their dead letters here. */
  deadLetterFor: string[];
  /** Event source mappings reading it. */
  mappings: number;
  /** The last hour's traffic. */
  sentLastHour: number;
  receivedLastHour: number;
}

export async function listQueueSummaries(ctx: ServiceContext): Promise<QueueSummary[]> {
  const rows = await ctx.db.queue.findMany({ orderBy: { name: "asc" }, take: 1000 });
  if (!rows.length) return [];
  const { pool } = queueRuntime(ctx);
  const ids = rows.map((r) => r.id);
  const [counts, traffic, mappings] = await Promise.all([
    queueCounts(pool, ids),
    pool.query<{ queueId: string; sent: number; received: number }>(
      `SELECT "queueId", sum(sent)::int AS sent, sum(received)::int AS received FROM queue_stats
        WHERE "queueId" = ANY($1::uuid[]) AND minute >= now() - interval '1 hour' GROUP BY "queueId"`,
      [ids],
    ),
    ctx.db.eventSourceMapping.groupBy({ by: ["queueName"], _count: { _all: true } }),
  ]);
  const byTraffic = new Map(traffic.rows.map((t) => [t.queueId, t]));
  const byMappings = new Map(mappings.map((m) => [m.queueName, m._count._all]));
  return rows.map((row) => {
    const q = toQueueRecord(row);
    return {
      ...q,
      ...counts.get(q.id)!,
      deadLetterFor: rows.filter((r) => r.deadLetterQueue === q.name).map((r) => r.name),
      mappings: byMappings.get(q.name) ?? 0,
      sentLastHour: byTraffic.get(q.id)?.sent ?? 0,
      receivedLastHour: byTraffic.get(q.id)?.received ?? 0,
    };
  });
}
