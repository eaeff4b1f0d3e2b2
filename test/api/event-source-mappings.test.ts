import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { deployFunction, testDatabaseUrl, testServer } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";

const t = testServer();
const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(() => db.end());

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

/** Logs each record it handles; reports "flaky" ones failed on their first receive and "poison" ones always. */
const WORKER = `export const handler = async (event) => {
  const batchItemFailures = [];
  for (const r of event.Records) {
    const m = JSON.parse(r.body);
    const n = Number(r.attributes.ApproximateReceiveCount);
    console.log("handled " + m.n + " " + n + " " + r.eventSource + " " + r.eventSourceARN.split(":").pop());
    if (m.kind === "poison" || (m.kind === "flaky" && n === 1)) batchItemFailures.push({ itemIdentifier: r.messageId });
  }
  return { batchItemFailures };
};`;

async function sendAll(sqs: SQSClient, QueueUrl: string, bodies: object[]) {
  for (let i = 0; i < bodies.length; i += 10) {
    const entries = bodies.slice(i, i + 10).map((b, j) => ({ Id: `m${i + j}`, MessageBody: JSON.stringify(b) }));
    const r = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
    expect(r.Failed ?? []).toEqual([]);
  }
}

async function handledLines(functionName: string): Promise<string[]> {
  const { rows } = await db.query<{ message: string }>(
    `SELECT l.message FROM log_lines l JOIN functions f ON f.id = l."functionId"
      WHERE f.name = $1 AND l.message LIKE 'handled %'`,
    [functionName],
  );
  return rows.map((r) => r.message);
}

describe("event source mappings: a queue feeds a function in batches", () => {
  it("stop polling when their function is deleted", async () => {
    const sqs = sqsClient(t.srv.url);
    const queue = uniqueQueue("esm-del");
    await sqs.send(new CreateQueueCommand({ QueueName: queue }));
    const fn = await deployFunction(t.lambda, WORKER, { prefix: "esm-del" });
    const { UUID } = await t.lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(queue), FunctionName: fn }),
    );
    await expect.poll(() => t.srv.platform.eventSources.running).toContain(UUID);
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: fn }));
    await expect.poll(() => t.srv.platform.eventSources.running).not.toContain(UUID);
    await expect(t.lambda.send(new GetEventSourceMappingCommand({ UUID }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("keep a FIFO group's order across a reported failure: the messages behind it come back with it", async () => {
    const sqs = sqsClient(t.srv.url);
    const queue = `${uniqueQueue("esm-fifo")}.fifo`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: queue, Attributes: { FifoQueue: "true", VisibilityTimeout: "3" } }),
    );
    const Entries = ["flaky", "ok", "ok"].map((kind, n) => ({
      Id: `e${n}`,
      MessageBody: JSON.stringify({ n, kind }),
      MessageGroupId: "A",
      MessageDeduplicationId: `d${n}`,
    }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    const fn = await deployFunction(t.lambda, WORKER, { prefix: "esm-fifo" });
    await t.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf(queue),
        FunctionName: fn,
        BatchSize: 10,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      }),
    );
    await expect.poll(async () => (await handledLines(fn)).length, { timeout: 20_000 }).toBe(6);
    // Each message twice, in order both times: 1 failed, so 2 and 3 were not deleted ahead of it.
    expect((await handledLines(fn)).map((l) => l.split(" ").slice(1, 3).join(" ")).sort()).toEqual([
      "0 1",
      "0 2",
      "1 1",
      "1 2",
      "2 1",
      "2 2",
    ]);
  });

  it("are created, read, listed, disabled and deleted through the SDK, with Lambda's states and checks", async () => {
    const sqs = sqsClient(t.srv.url);
    const queue = uniqueQueue("esm");
    await sqs.send(new CreateQueueCommand({ QueueName: queue }));
    const fn = await deployFunction(t.lambda, WORKER, { prefix: "esm" });
    const created = await t.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf(queue),
        FunctionName: fn,
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ["ok"] } }) }] },
        ScalingConfig: { MaximumConcurrency: 3 },
      }),
    );
    expect(created).toMatchObject({
      State: "Creating",
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      EventSourceArn: arnOf(queue),
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 3 },
    });
    const uuid = created.UUID!;
    await expect
      .poll(async () => (await t.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State)
      .toBe("Enabled");
    const byFn = await t.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn }));
    expect(byFn.EventSourceMappings?.map((m) => m.UUID)).toEqual([uuid]);
    const byQueue = await t.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arnOf(queue) }));
    expect(byQueue.EventSourceMappings?.map((m) => m.UUID)).toEqual([uuid]);

    const off = await t.lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
    expect(off.State).toBe("Disabling");
    await expect
      .poll(async () => (await t.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State)
      .toBe("Disabled");
    const gone = await t.lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(gone.State).toBe("Deleting");
    await expect(t.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });

    // Lambda's checks, with its words.
    await expect(
      t.lambda.send(
        new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(queue), FunctionName: fn, BatchSize: 100 }),
      ),
    ).rejects.toThrow("Maximum batch window in seconds must be greater than 0");
    await expect(
      t.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: arnOf("no-such-queue"), FunctionName: fn })),
    ).rejects.toThrow("NonExistentQueue");
    const slow = await deployFunction(t.lambda, WORKER, { prefix: "esm-slow", timeout: 60 });
    await expect(
      t.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(queue), FunctionName: slow })),
    ).rejects.toThrow("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
    await expect(
      t.lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: arnOf(queue),
          FunctionName: fn,
          FilterCriteria: { Filters: [{ Pattern: "{not json" }] },
        }),
      ),
    ).rejects.toThrow("Invalid filter pattern definition");
  });

  it("delivers a 1,000-message backlog: failed items retried alone, poison messages to the DLQ, filtered ones dropped", {
    timeout: 120_000,
  }, async () => {
    const sqs = sqsClient(t.srv.url);
    const dlq = uniqueQueue("esm-dlq");
    const source = uniqueQueue("esm-src");
    await sqs.send(new CreateQueueCommand({ QueueName: dlq }));
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: source,
        Attributes: {
          VisibilityTimeout: "3",
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 2 }),
        },
      }),
    );
    const kindOf = (n: number) => (n % 100 === 7 ? "poison" : n % 20 === 3 ? "flaky" : n % 50 === 11 ? "skip" : "ok");
    const bodies = Array.from({ length: 1000 }, (_, n) => ({ n, kind: kindOf(n) }));
    await sendAll(sqs, QueueUrl!, bodies);
    const fn = await deployFunction(t.lambda, WORKER, { prefix: "esm-backlog" });
    await t.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf(source),
        FunctionName: fn,
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: [{ "anything-but": "skip" }] } }) }] },
      }),
    );

    const count = (kind: string) => bodies.filter((b) => b.kind === kind).length;
    // Every message settles: handled, retried, dead-lettered or filtered out; the source ends empty.
    await expect
      .poll(
        async () => {
          const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
          return (
            Number(a.Attributes!.ApproximateNumberOfMessages) +
            Number(a.Attributes!.ApproximateNumberOfMessagesNotVisible)
          );
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(0);
    const expected = count("ok") + 2 * count("flaky") + 2 * count("poison");
    await expect.poll(async () => (await handledLines(fn)).length, { timeout: 15_000 }).toBe(expected);

    const lines = await handledLines(fn);
    const times = new Map<number, number[]>();
    for (const l of lines) {
      const [, n, receive, src, q] = l.split(" ");
      expect([src, q]).toEqual(["aws:sqs", source]);
      times.set(Number(n), [...(times.get(Number(n)) ?? []), Number(receive)]);
    }
    for (const b of bodies) {
      const seen = (times.get(b.n) ?? []).sort();
      // ok: once; flaky: failed alone, then once more; poison: maxReceiveCount times; skip: never.
      const want = { ok: [1], flaky: [1, 2], poison: [1, 2], skip: [] }[b.kind];
      expect(seen, `message ${b.n} (${b.kind})`).toEqual(want);
    }
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: `${t.srv.url}/000000000000/${dlq}`, MaxNumberOfMessages: 10 }),
    );
    expect(dead.Messages?.map((m) => JSON.parse(m.Body!).kind)).toEqual(Array(count("poison")).fill("poison"));

    // Each batch is recorded with its trigger: the queue and the batch's size.
    const { rows } = await db.query<{ trigger: string; eventSourceArn: string; batchSize: number }>(
      `SELECT trigger, "eventSourceArn", "batchSize" FROM invocations i JOIN functions f ON f.id = i."functionId"
        WHERE f.name = $1`,
      [fn],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.trigger === "sqs" && r.eventSourceArn === arnOf(source))).toBe(true);
    expect(Math.max(...rows.map((r) => r.batchSize))).toBe(10);
  });
});
