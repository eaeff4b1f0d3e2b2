import { describe, expect, it } from "vitest";
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { md5OfAttributes } from "@/lib/message-queues/attributes";
import { testServer } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";

const t = testServer();

async function queue(sqs: SQSClient, attrs: Record<string, string> = {}, name = uniqueQueue()) {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attrs }))).QueueUrl!;
}
const receive = (sqs: SQSClient, QueueUrl: string, extra: object = {}) =>
  sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }));

describe("SQS messages through @aws-sdk/client-sqs", () => {
  it("sends with attributes, receives them once per visibility window, deletes by the latest receipt", async () => {
    const sqs = sqsClient(t.srv.url);
    const QueueUrl = await queue(sqs, { VisibilityTimeout: "30" });
    const attributes = {
      City: { DataType: "String", StringValue: "Any City" },
      Count: { DataType: "Number.int", StringValue: "42" },
      Raw: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
    };
    // The SDK checks MD5OfMessageBody itself; the attributes' digest is checked here.
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: "héllo ✓", MessageAttributes: attributes }),
    );
    const b64 = { ...attributes, Raw: { DataType: "Binary", BinaryValue: "AQID" } };
    expect(sent.MD5OfMessageAttributes).toBe(md5OfAttributes(b64));

    const got = await receive(sqs, QueueUrl, { MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] });
    expect(got.Messages).toHaveLength(1);
    const m = got.Messages![0]!;
    expect(m).toMatchObject({
      MessageId: sent.MessageId,
      Body: "héllo ✓",
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
    });
    expect(m.MessageAttributes?.City).toEqual({ DataType: "String", StringValue: "Any City" });
    expect(Buffer.from(m.MessageAttributes!.Raw!.BinaryValue!)).toEqual(Buffer.from([1, 2, 3]));
    expect(m.Attributes).toMatchObject({
      ApproximateReceiveCount: "1",
      SentTimestamp: expect.stringMatching(/^\d{13}$/),
    });
    expect(m.Attributes?.SequenceNumber).toBeUndefined();

    // Invisible to everyone else now.
    expect((await receive(sqs, QueueUrl)).Messages).toBeUndefined();
    const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(counts.Attributes).toMatchObject({
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "1",
    });

    // Visible again at once, received again with a new handle: the old one no longer deletes it.
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const again = (await receive(sqs, QueueUrl, { AttributeNames: ["ApproximateReceiveCount"] })).Messages![0]!;
    expect(again.ReceiptHandle).not.toBe(m.ReceiptHandle);
    expect(again.Attributes).toEqual({ ApproximateReceiveCount: "2" });
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
    const still = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }),
    );
    expect(still.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: "1" });
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.ReceiptHandle }));
    const gone = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }),
    );
    expect(gone.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: "0" });

    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: "garbage" }))).rejects.toBeInstanceOf(
      ReceiptHandleIsInvalid,
    );
    await expect(
      sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: again.ReceiptHandle, VisibilityTimeout: 5 }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValue", message: expect.stringContaining("does not exist") });
    await expect(receive(sqs, QueueUrl, { MaxNumberOfMessages: 11 })).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
    });
  });

  it("takes batches: good entries queued, a bad one reported alone; deletes and changes in batches", async () => {
    const sqs = sqsClient(t.srv.url);
    const QueueUrl = await queue(sqs);
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: "a", MessageBody: "first" },
          { Id: "bad", MessageBody: "nul \u0000 inside" },
          { Id: "c", MessageBody: "third", DelaySeconds: 0 },
        ],
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(["a", "c"]);
    expect(batch.Failed).toEqual([
      expect.objectContaining({ Id: "bad", SenderFault: true, Code: "InvalidMessageContents" }),
    ]);
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: "x" })),
        }),
      ),
    ).rejects.toMatchObject({ name: "TooManyEntriesInBatchRequest" });

    const got = (await receive(sqs, QueueUrl)).Messages!;
    expect(got.map((m) => m.Body).sort()).toEqual(["first", "third"]);
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: "one", ReceiptHandle: got[0]!.ReceiptHandle, VisibilityTimeout: 60 },
          { Id: "junk", ReceiptHandle: "nope", VisibilityTimeout: 60 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: "one" }]);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: "junk", Code: "ReceiptHandleIsInvalid" })]);
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: got.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    expect(deleted.Successful?.map((s) => s.Id)).toEqual(["d0", "d1"]);
    const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(left.Attributes).toMatchObject({
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
    });
  });

  it("long-polls: a waiting receive gets a message sent meanwhile, and a delayed one when it becomes visible", async () => {
    const sqs = sqsClient(t.srv.url);
    const QueueUrl = await queue(sqs);
    const waiting = receive(sqs, QueueUrl, { WaitTimeSeconds: 10 });
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "woke you" }));
    expect((await waiting).Messages?.map((m) => m.Body)).toEqual(["woke you"]);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "later", DelaySeconds: 1 }));
    expect((await receive(sqs, QueueUrl)).Messages).toBeUndefined();
    const delayed = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessagesDelayed"] }),
    );
    expect(delayed.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: "1" });
    // Nobody sends anything more: the wait ends because the delay passes.
    expect((await receive(sqs, QueueUrl, { WaitTimeSeconds: 10 })).Messages?.map((m) => m.Body)).toEqual(["later"]);
  });

  it("moves a message received maxReceiveCount times to the dead-letter queue", async () => {
    const sqs = sqsClient(t.srv.url);
    const dlqName = uniqueQueue("dlq");
    const dlq = await queue(sqs, {}, dlqName);
    const policy = JSON.stringify({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${dlqName}`,
      maxReceiveCount: 2,
    });
    const sourceName = uniqueQueue("src");
    const QueueUrl = await queue(sqs, { RedrivePolicy: policy }, sourceName);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "poison" }));
    for (let i = 0; i < 2; i++)
      expect((await receive(sqs, QueueUrl, { VisibilityTimeout: 0 })).Messages).toHaveLength(1);
    expect((await receive(sqs, QueueUrl)).Messages).toBeUndefined();
    const dead = (await receive(sqs, dlq, { MessageSystemAttributeNames: ["All"] })).Messages!;
    expect(dead.map((m) => m.MessageId)).toEqual([sent.MessageId]);
    expect(dead[0]!.Attributes).toMatchObject({
      DeadLetterQueueSourceArn: `arn:aws:sqs:us-east-1:000000000000:${sourceName}`,
      ApproximateReceiveCount: "3",
    });
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    expect(sources.queueUrls).toEqual([QueueUrl]);
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["RedrivePolicy"] }));
    expect(JSON.parse(attrs.Attributes!.RedrivePolicy!)).toEqual(JSON.parse(policy));

    // Redrive: back to the queue it came from, receivable again with a fresh count.
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: dlq,
        ReceiptHandle: dead[0]!.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const dlqArn = `arn:aws:sqs:us-east-1:000000000000:${dlqName}`;
    const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(task.TaskHandle).toBeTruthy();
    const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(tasks.Results?.[0]).toMatchObject({
      Status: "COMPLETED",
      ApproximateNumberOfMessagesMoved: 1,
      SourceArn: dlqArn,
    });
    const back = (await receive(sqs, QueueUrl, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] })).Messages!;
    expect(back.map((m) => [m.MessageId, m.Attributes?.ApproximateReceiveCount])).toEqual([[sent.MessageId, "1"]]);
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: `arn:aws:sqs:us-east-1:000000000000:${sourceName}` })),
    ).rejects.toThrow("Source queue must be configured as a Dead Letter Queue.");
  });

  it("FIFO: in order per group, one group's batch in flight at a time, duplicates dropped", async () => {
    const sqs = sqsClient(t.srv.url);
    const QueueUrl = await queue(
      sqs,
      { FifoQueue: "true", ContentBasedDeduplication: "true" },
      `${uniqueQueue("f")}.fifo`,
    );
    const send = (body: string, group: string) =>
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: group }));
    const a1 = await send("a1", "A");
    await send("b1", "B");
    await send("a2", "A");
    const dup = await send("a1", "A");
    expect(dup.MessageId).toBe(a1.MessageId);
    expect(dup.SequenceNumber).toBe(a1.SequenceNumber);
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }))).rejects.toMatchObject({
      name: "MissingParameter",
    });

    const first = (await receive(sqs, QueueUrl, { MaxNumberOfMessages: 2, AttributeNames: ["All"] })).Messages!;
    expect(first.map((m) => m.Body)).toEqual(["a1", "b1"]);
    expect(first[0]!.Attributes).toMatchObject({ MessageGroupId: "A", SequenceNumber: a1.SequenceNumber });
    // A and B each have a message in flight: a2 waits for a1.
    expect((await receive(sqs, QueueUrl)).Messages).toBeUndefined();
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first[0]!.ReceiptHandle }));
    expect((await receive(sqs, QueueUrl)).Messages?.map((m) => m.Body)).toEqual(["a2"]);
  });
});
