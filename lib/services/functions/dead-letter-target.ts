import { invalid } from "@/lib/errors";
import { QUEUE_ARN } from "@/lib/message-queues/arn";
import type { ServiceContext } from "@/lib/services/context";
import { getQueueOrThrow } from "@/lib/services/queues/get";

/** DeadLetterConfig.TargetArn must name a queue that exists (checked when set, like a destination). */
export async function checkDeadLetterTarget(ctx: ServiceContext, arn: string | null | undefined): Promise<void> {
  if (!arn) return;
  const name = QUEUE_ARN.exec(arn)?.[1] ?? arn;
  await getQueueOrThrow(ctx, name).catch(() => {
    throw invalid(`DeadLetterConfig.TargetArn: the queue ${name} does not exist`);
  });
}
