/**
 * Dead-letter redrive: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask. A move
 * runs at once inside the request (the messages only change queue, in one statement), so a task
 * is COMPLETED when it is listed and none is ever left to cancel; MaxNumberOfMessagesPerSecond is
 * accepted and not needed.
 */
import { AppError, invalid } from "@/lib/errors";
import { queueError } from "@/lib/message-queues/errors";
import * as queues from "@/lib/services/queues";
import { queueArn, queueNameOfArn } from "@/lib/aws/sqs/queue-url";
import type { SqsAction, SqsCall } from "@/lib/aws/sqs/types";
import { optionalInt, optionalString, required } from "@/lib/aws/sqs/wire";

function queueOfArn(arn: string): string {
  const name = queueNameOfArn(arn);
  if (!name) throw invalid(`Value ${arn.slice(0, 200)} for parameter SourceArn is invalid.`);
  return name;
}

const notFound = () =>
  new AppError(
    "ResourceNotFoundException",
    "The resource that you specified for the SourceArn parameter doesn't exist.",
    {
      sqsCode: "ResourceNotFoundException",
    },
  );

function taskShape(c: SqsCall, t: queues.MoveTaskRecord) {
  return {
    Status: t.status,
    SourceArn: queueArn(c.shape.region, c.shape.accountId, t.sourceQueue),
    ...(t.destinationQueue ? { DestinationArn: queueArn(c.shape.region, c.shape.accountId, t.destinationQueue) } : {}),
    ApproximateNumberOfMessagesMoved: t.moved,
    ApproximateNumberOfMessagesToMove: t.toMove,
    ...(t.failureReason ? { FailureReason: t.failureReason } : {}),
    StartedTimestamp: t.startedAt.getTime(),
  };
}

const startMessageMoveTask: SqsAction = async (c) => {
  const source = queueOfArn(required(c.input, "SourceArn"));
  const destArn = optionalString(c.input, "DestinationArn");
  optionalInt(c.input, "MaxNumberOfMessagesPerSecond", 1, 500);
  await queues.getQueueOrThrow(c.ctx, source).catch(() => {
    throw notFound();
  });
  const destination = destArn ? queueOfArn(destArn) : undefined;
  if (destination)
    await queues.getQueueOrThrow(c.ctx, destination).catch(() => {
      throw notFound();
    });
  const task = await queues.redriveMessages(c.ctx, source, { destination });
  return { TaskHandle: Buffer.from(JSON.stringify({ id: task.id, source })).toString("base64url") };
};

const listMessageMoveTasks: SqsAction = async (c) => {
  const source = queueOfArn(required(c.input, "SourceArn"));
  await queues.getQueueOrThrow(c.ctx, source).catch(() => {
    throw notFound();
  });
  const max = optionalInt(c.input, "MaxResults", 1, 10) ?? 1;
  const tasks = await queues.listMoveTasks(c.ctx, source, max);
  return { Results: tasks.map((t) => taskShape(c, t)) };
};

const cancelMessageMoveTask: SqsAction = async (c) => {
  const handle = required(c.input, "TaskHandle");
  let id: unknown;
  try {
    id = JSON.parse(Buffer.from(handle, "base64url").toString("utf8")).id;
  } catch {
    id = undefined;
  }
  if (typeof id !== "string") throw queueError("InvalidParameterValue", "Value for parameter TaskHandle is invalid.");
  // Moves finish inside StartMessageMoveTask: there is never a running one to cancel.
  throw new AppError("ResourceNotFoundException", "Task does not exist.", { sqsCode: "ResourceNotFoundException" });
};

export const MOVE_ACTIONS: Record<string, SqsAction> = {
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
};
