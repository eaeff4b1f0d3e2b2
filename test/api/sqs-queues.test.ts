import { describe, expect, it } from "vitest";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDoesNotExist,
  QueueNameExists,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from "@aws-sdk/client-sqs";
import { testServer } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";

const t = testServer();

describe("SQS queues through @aws-sdk/client-sqs", () => {
  it("creates, finds, lists, configures, tags and deletes a queue", async () => {
    const sqs = sqsClient(t.srv.url);
    const name = uniqueQueue("orders");
    const created = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "5" }, tags: { team: "payments" } }),
    );
    expect(created.QueueUrl).toBe(
      `${t.srv.url}/000000000000/${name}`.replace("127.0.0.1", new URL(t.srv.url).hostname),
    );
    // The same request again is the same queue; other attributes are a conflict.
    await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "5" } }));
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "7" } })),
    ).rejects.toBeInstanceOf(QueueNameExists);

    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    expect(QueueUrl).toBe(created.QueueUrl);
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }));
    expect(listed.QueueUrls).toEqual([QueueUrl]);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "one", DelaySeconds: 60 }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "two" }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    expect(attrs.Attributes).toMatchObject({
      VisibilityTimeout: "5",
      MessageRetentionPeriod: "345600",
      MaximumMessageSize: "1048576",
      DelaySeconds: "0",
      ApproximateNumberOfMessages: "1",
      ApproximateNumberOfMessagesDelayed: "1",
      ApproximateNumberOfMessagesNotVisible: "0",
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    });
    expect(attrs.Attributes?.FifoQueue).toBeUndefined();

    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: "2", MessageRetentionPeriod: "120" } }),
    );
    const some = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["DelaySeconds", "MessageRetentionPeriod"] }),
    );
    expect(some.Attributes).toEqual({ DelaySeconds: "2", MessageRetentionPeriod: "120" });
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { FifoQueue: "true" } })),
    ).rejects.toBeInstanceOf(InvalidAttributeName);
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: "99999" } })),
    ).rejects.toMatchObject({ name: "InvalidAttributeValue" });

    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: "test" } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ["team"] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: "test" });

    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    await expect(sqs.send(new PurgeQueueCommand({ QueueUrl }))).rejects.toBeInstanceOf(PurgeQueueInProgress);
    const empty = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    expect(empty.Attributes).toEqual({ ApproximateNumberOfMessages: "0" });

    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: name }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it("pages ListQueues with MaxResults and NextToken", async () => {
    const sqs = sqsClient(t.srv.url);
    const prefix = uniqueQueue("page");
    for (const i of [1, 2, 3]) await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${i}` }));
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.QueueUrls?.map((u) => u.split("/").at(-1))).toEqual([`${prefix}-3`]);
    expect(second.NextToken).toBeUndefined();
  });

  it("sends to the queue URL's server when the client has no endpoint of its own", async () => {
    const sqs = sqsClient(t.srv.url);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueQueue("url") }));
    // No endpoint in the client, and the environment's answers nothing (so a request that did not
    // follow the queue URL would fail on loopback, never leave the machine): only the URL can route it.
    const before = process.env.AWS_ENDPOINT_URL_SQS;
    process.env.AWS_ENDPOINT_URL_SQS = "http://127.0.0.1:9";
    try {
      const viaUrl = sqsClient("unused", { endpoint: undefined });
      const sent = await viaUrl.send(new SendMessageCommand({ QueueUrl, MessageBody: "routed by its URL" }));
      expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL_SQS;
      else process.env.AWS_ENDPOINT_URL_SQS = before;
    }
  });

  it("refuses bad names and attributes with SQS's errors", async () => {
    const sqs = sqsClient(t.srv.url);
    await expect(sqs.send(new CreateQueueCommand({ QueueName: "bad name!" }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
      message: expect.stringContaining("Can only include alphanumeric characters"),
    });
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: uniqueQueue(), Attributes: { Colour: "blue" } as never })),
    ).rejects.toBeInstanceOf(InvalidAttributeName);
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: uniqueQueue(), Attributes: { FifoQueue: "true" } })),
    ).rejects.toMatchObject({ message: expect.stringContaining("must end with .fifo") });
  });
});
