/** Queues by ARN: the ARN of a queue, and the queue an SQS ARN names. */

export const queueArn = (region: string, accountId: string, name: string) =>
  `arn:aws:sqs:${region}:${accountId}:${name}`;

/**
 * An SQS ARN as a setting may hold it (a RedrivePolicy's target is read by queueNameOfArn): a
 * region and a 12-digit account. The group is the queue's name.
 */
export const QUEUE_ARN = /^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:([A-Za-z0-9_.-]{1,80})$/;

/** The queue name an SQS ARN names (any region and account: RedrivePolicy, move tasks, mappings), or null. */
export function queueNameOfArn(arn: string): string | null {
  const m = /^arn:aws[a-z-]*:sqs:[a-z0-9-]*:\d*:([A-Za-z0-9_.-]{1,80})$/.exec(arn);
  return m ? m[1]! : null;
}
