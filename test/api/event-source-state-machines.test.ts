/**
 * Event source mappings whose FunctionName is a state machine's ARN (a Nimbus extension; AWS uses
 * EventBridge Pipes): a Standard machine gets one execution per batch, started in the transaction
 * that deletes the batch; an Express one runs each batch and settles it like a function would
 * (ReportBatchItemFailures from its output; a failed execution leaves every message).
 */
import { describe, expect, it } from "vitest";
import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  InvalidParameterValueException,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  ListExecutionsCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { finished, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";
import { TEST_CREDENTIALS, testServer } from "@/test/server";

const t = testServer();
const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const lambda = () =>
  new LambdaClient({ endpoint: t.srv.url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });

async function queueWith(sqs: SQSClient, prefix: string, visibility: number, bodies: string[]) {
  const name = uniqueQueue(prefix);
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: String(visibility) } }),
  );
  for (let i = 0; i < bodies.length; i += 10) {
    const Entries = bodies.slice(i, i + 10).map((b, j) => ({ Id: `m${i + j}`, MessageBody: b }));
    expect((await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }))).Failed ?? []).toEqual([]);
  }
  return { name, url: QueueUrl! };
}

async function counts(sqs: SQSClient, QueueUrl: string) {
  const a = (
    await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    )
  ).Attributes!;
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
}

/** A mapping from `queue` to the state machine `arn`, batches of up to 10 gathered for 1 s. */
const mapTo = (queue: string, arn: string, extra: { FunctionResponseTypes?: "ReportBatchItemFailures"[] } = {}) =>
  lambda().send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: arnOf(queue),
      FunctionName: arn,
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      ...extra,
    }),
  );

async function machine(sfn: SFNClient, type: "STANDARD" | "EXPRESS", definition: object) {
  const name = uniqueMachine(`esm-${type.toLowerCase()}`);
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name, roleArn: "r", type, definition: JSON.stringify(definition) }),
  );
  return { name, arn: stateMachineArn! };
}

describe("event source mappings into state machines", () => {
  it("a Standard machine starts one execution per batch, each message in exactly one", {
    timeout: 60_000,
  }, async () => {
    const sqs = sqsClient(t.srv.url);
    const sfn = sfnClient(t.srv.url);
    const bodies = Array.from({ length: 25 }, (_, i) => `m${i}`);
    const q = await queueWith(sqs, "esm-sm", 30, bodies);
    const sm = await machine(sfn, "STANDARD", {
      StartAt: "Count",
      States: {
        Count: {
          Type: "Pass",
          Parameters: { "bodies.$": "$.Records[*].body", "source.$": "$.Records[0].eventSource" },
          End: true,
        },
      },
    });
    const created = await mapTo(q.name, sm.arn);
    expect(created.FunctionArn).toBe(sm.arn);
    expect((await lambda().send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).FunctionArn).toBe(sm.arn);
    const listed = await lambda().send(new ListEventSourceMappingsCommand({ FunctionName: sm.arn }));
    expect(listed.EventSourceMappings?.map((m) => m.UUID)).toEqual([created.UUID]);

    await expect
      .poll(() => counts(sqs, q.url), { timeout: 30_000, interval: 250 })
      .toEqual({ visible: 0, inFlight: 0 });
    const executions = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: sm.arn }))).executions ?? [];
    expect(executions.length).toBeGreaterThanOrEqual(3); // at most 10 records a batch
    const seen: string[] = [];
    for (const e of executions) {
      const d = await finished(sfn, e.executionArn!, 15_000);
      expect(d.status).toBe("SUCCEEDED");
      const out = JSON.parse(d.output!) as { bodies: string[]; source: string };
      expect(out.source).toBe("aws:sqs");
      expect(out.bodies.length).toBeLessThanOrEqual(10);
      seen.push(...out.bodies);
    }
    expect(seen.sort()).toEqual([...bodies].sort());
  });

  it("an Express machine settles its batch: listed failures stay, a failed run keeps all", {
    timeout: 60_000,
  }, async () => {
    const sqs = sqsClient(t.srv.url);
    const sfn = sfnClient(t.srv.url);
    // Reports the records whose body is "bad" as failed, the way a function's batchItemFailures do.
    const sm = await machine(sfn, "EXPRESS", {
      QueryLanguage: "JSONata",
      StartAt: "Report",
      States: {
        Report: {
          Type: "Pass",
          Output:
            '{% {"batchItemFailures": [$map($filter($states.input.Records, function($r) { $r.body = "bad" }), function($r) { {"itemIdentifier": $r.messageId} })]} %}',
          End: true,
        },
      },
    });
    const q = await queueWith(sqs, "esm-x", 300, ["ok1", "bad", "ok2", "ok3"]);
    const created = await mapTo(q.name, sm.arn, { FunctionResponseTypes: ["ReportBatchItemFailures"] });
    expect(created.FunctionArn).toBe(sm.arn);
    await expect
      .poll(() => counts(sqs, q.url), { timeout: 30_000, interval: 250 })
      .toEqual({ visible: 0, inFlight: 1 });

    // A machine that fails: nothing is deleted, and the mapping says why.
    const failing = await machine(sfn, "EXPRESS", {
      StartAt: "No",
      States: { No: { Type: "Fail", Error: "Nope", Cause: "refused the batch" } },
    });
    const q2 = await queueWith(sqs, "esm-xf", 300, ["a", "b"]);
    const m2 = await mapTo(q2.name, failing.arn);
    await expect
      .poll(
        async () => (await lambda().send(new GetEventSourceMappingCommand({ UUID: m2.UUID }))).LastProcessingResult,
        {
          timeout: 30_000,
          interval: 250,
        },
      )
      .toBe("PROBLEM: Execution FAILED");
    expect(await counts(sqs, q2.url)).toEqual({ visible: 0, inFlight: 2 });
  });

  it("refuses what it cannot run, and goes with its state machine", async () => {
    const sqs = sqsClient(t.srv.url);
    const sfn = sfnClient(t.srv.url);
    const q = await queueWith(sqs, "esm-bad", 30, []);
    const missing = "arn:aws:states:us-east-1:000000000000:stateMachine:no-such-machine";
    await expect(
      lambda().send(new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(q.name), FunctionName: missing })),
    ).rejects.toThrow(/State machine no-such-machine does not exist/);
    const execArn = "arn:aws:states:us-east-1:000000000000:execution:x:y";
    await expect(
      lambda().send(new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(q.name), FunctionName: execArn })),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
    // Express runs while the batch is in flight: a 30 s visibility timeout is too short for its 5 minutes.
    const express = await machine(sfn, "EXPRESS", { StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    await expect(
      lambda().send(new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(q.name), FunctionName: express.arn })),
    ).rejects.toThrow(/less than an Express execution's limit: 300 seconds/);

    const standard = await machine(sfn, "STANDARD", { StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const m = await lambda().send(
      new CreateEventSourceMappingCommand({ EventSourceArn: arnOf(q.name), FunctionName: standard.arn }),
    );
    // A Standard machine's batch only starts an execution: there is no result to report failures in.
    const noResult = /ReportBatchItemFailures needs the target's result/;
    await expect(
      lambda().send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: arnOf(q.name),
          FunctionName: standard.arn,
          FunctionResponseTypes: ["ReportBatchItemFailures"],
        }),
      ),
    ).rejects.toThrow(noResult);
    await expect(
      lambda().send(
        new UpdateEventSourceMappingCommand({ UUID: m.UUID, FunctionResponseTypes: ["ReportBatchItemFailures"] }),
      ),
    ).rejects.toThrow(noResult);
    await expect.poll(() => t.srv.platform.eventSources.running.includes(m.UUID!), { timeout: 10_000 }).toBe(true);
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: standard.arn }));
    await expect(lambda().send(new GetEventSourceMappingCommand({ UUID: m.UUID }))).rejects.toThrow(/does not exist/);
    await expect.poll(() => t.srv.platform.eventSources.running.includes(m.UUID!), { timeout: 10_000 }).toBe(false);
  });
});
