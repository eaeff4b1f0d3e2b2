/** A queue's traffic per minute over the last hours (the console's chart). */
import type { ServiceContext } from "@/lib/services/context";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { queueRuntime } from "@/lib/services/queues/runtime";

export interface QueueActivityPoint {
  /** The minute, ISO. */
  t: string;
  sent: number;
  received: number;
  deleted: number;
}

export async function queueActivity(ctx: ServiceContext, name: string, hours = 1): Promise<QueueActivityPoint[]> {
  const q = await getQueueOrThrow(ctx, name);
  const { rows } = await queueRuntime(ctx).pool.query<{ t: Date; sent: number; received: number; deleted: number }>(
    `SELECT m.t, coalesce(s.sent, 0)::int AS sent, coalesce(s.received, 0)::int AS received,
            coalesce(s.deleted, 0)::int AS deleted
       FROM generate_series(date_trunc('minute', now()) - make_interval(hours => $2) + interval '1 minute',
                            date_trunc('minute', now()), interval '1 minute') AS m(t)
       LEFT JOIN queue_stats s ON s."queueId" = $1 AND s.minute = m.t
      ORDER BY m.t`,
    [q.id, Math.min(Math.max(hours, 1), 24)],
  );
  return rows.map((r) => ({ t: r.t.toISOString(), sent: r.sent, received: r.received, deleted: r.deleted }));
}
