/** PurgeQueue: deletes every message in the queue; at most once a minute, as on SQS. */
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import { queueError } from "@/lib/message-queues/errors";

export function purgeQueue(pool: pg.Pool, queueId: string, name: string): Promise<void> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE queues SET "purgedAt" = now()
        WHERE id = $1 AND ("purgedAt" IS NULL OR "purgedAt" <= now() - interval '60 seconds')`,
      [queueId],
    );
    if (!rowCount)
      throw queueError("PurgeQueueInProgress", `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`);
    await client.query(`DELETE FROM queue_messages WHERE "queueId" = $1`, [queueId]);
  });
}
