export { createQueue } from "@/lib/services/queues/create";
export { deleteQueue } from "@/lib/services/queues/delete";
export { getQueueOrThrow, queueNotFound } from "@/lib/services/queues/get";
export { listDeadLetterSources, listQueues } from "@/lib/services/queues/list";
export { updateQueue } from "@/lib/services/queues/update";
export { tagQueue, untagQueue } from "@/lib/services/queues/tags";
export type { QueueRecord } from "@/lib/services/queues/record";
export { SQS_LIMITS, type QueueLimits } from "@/lib/services/queues/schemas";
