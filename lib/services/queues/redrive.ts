import { invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";

/** A RedrivePolicy's dead-letter queue must exist, be of the same kind, and not be the queue itself. */
export async function checkDeadLetterQueue(
  ctx: ServiceContext,
  queue: string,
  fifo: boolean,
  deadLetterQueue: string,
): Promise<void> {
  if (deadLetterQueue === queue) throw invalid("A queue cannot be its own dead-letter queue");
  const dlq = await ctx.db.queue.findUnique({ where: { name: deadLetterQueue }, select: { fifo: true } });
  if (!dlq)
    throw invalid(
      `Value for parameter RedrivePolicy is invalid: the dead-letter queue ${deadLetterQueue} does not exist`,
    );
  if (dlq.fifo !== fifo)
    throw invalid("The dead-letter queue of a FIFO queue must be a FIFO queue, and of a standard queue a standard one");
}
