import { describe, expect, it } from "vitest";
import {
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { deployFunction, enc, testServer } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";

// Retries after 1 s instead of Lambda's 60 s and 120 s.
const t = testServer({ NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: "1,1" });

const deploy = (source: string, env?: Record<string, string>) =>
  deployFunction(t.lambda, source, { prefix: "async", env });
async function fire(name: string, event: unknown = {}): Promise<string> {
  const r = await t.lambda.send(
    new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: enc(event) }),
  );
  expect(r.StatusCode).toBe(202);
  return r.$metadata.requestId!;
}
async function attempts(requestId: string) {
  await t.srv.platform.writer.flush();
  const r = await t.srv.platform.db.pool.query(
    `SELECT attempt, outcome, trigger FROM invocations WHERE "requestId" = $1 ORDER BY attempt, "startedAt"`,
    [requestId],
  );
  return r.rows as Array<{ attempt: number; outcome: string; trigger: string }>;
}
const poll = { timeout: 30_000, interval: 200 };

describe("asynchronous invocations", () => {
  it("are stored before the 202 and run, recorded as async", async () => {
    const name = await deploy(`export const handler = async (e) => e.n;`);
    const id = await fire(name, { n: 1 });
    const job = await t.srv.platform.db.pool.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id]);
    expect(job.rowCount).toBe(1); // durable before the answer
    await expect.poll(() => attempts(id), poll).toEqual([{ attempt: 1, outcome: "Success", trigger: "async" }]);
  });

  it("manages EventInvokeConfig like Lambda", async () => {
    const name = await deploy(`export const handler = async () => 1;`);
    await expect(t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    const put = await t.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 120,
      }),
    );
    expect(put).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 120 });
    expect(put.LastModified).toBeInstanceOf(Date);
    const upd = await t.lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({
        FunctionName: name,
        DestinationConfig: { OnFailure: { Destination: `arn:aws:lambda:us-east-1:000000000000:function:${name}-dlq` } },
      }),
    );
    expect(upd).toMatchObject({
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:lambda:us-east-1:000000000000:function:${name}-dlq` } },
    });
    await expect(
      t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 3 })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: "MaximumRetryAttempts must be between 0 and 2",
    });
    await expect(
      t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumEventAgeInSeconds: 30 })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: name,
          DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:000000000000:q" } },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    expect(
      (await t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }))).MaximumRetryAttempts,
    ).toBe(1);
    await t.lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: name }));
    await expect(t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("retries function errors, then dead-letters; a redrive runs the event again", async () => {
    const name = await deploy(
      `export const handler = async (e) => { if (process.env.BROKEN === "1") throw new Error("still broken " + e.order); return "ok"; };`,
      { BROKEN: "1" },
    );
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1 }));
    const id = await fire(name, { order: 7 });
    await expect
      .poll(() => attempts(id), poll)
      .toEqual([
        { attempt: 1, outcome: "Error", trigger: "async" },
        { attempt: 2, outcome: "Error", trigger: "async" },
      ]);
    const dl = async () =>
      (
        await t.srv.platform.db.pool.query(
          `SELECT id, condition, attempts, "errorType", payload FROM dead_letters WHERE "requestId" = $1`,
          [id],
        )
      ).rows;
    await expect.poll(dl, poll).toEqual([
      expect.objectContaining({
        condition: "RetriesExhausted",
        attempts: 2,
        errorType: "Error",
        payload: '{"order":7}',
      }),
    ]);
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { BROKEN: "0" } } }),
    );
    const newId = await t.srv.platform.asyncQueue.redrive((await dl())[0].id);
    await expect.poll(() => attempts(newId), poll).toEqual([{ attempt: 1, outcome: "Success", trigger: "async" }]);
    await expect(t.srv.platform.asyncQueue.redrive((await dl())[0].id)).rejects.toMatchObject({
      code: "ResourceNotFoundException",
    });
  });

  it("sends Lambda's destination record to an on-failure destination function", async () => {
    const dest = await deploy(
      `export const handler = async (record) => { console.log("DESTINATION " + JSON.stringify(record)); return null; };`,
    );
    const name = await deploy(`export const handler = async () => { throw new TypeError("nope"); };`);
    await t.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: dest } },
      }),
    );
    const id = await fire(name, { hello: "world" });
    const destId = (await t.srv.platform.resolver.get(dest))!.record.id;
    const record = async () => {
      await t.srv.platform.writer.flush();
      const r = await t.srv.platform.db.pool.query(
        `SELECT message FROM log_lines WHERE "functionId" = $1 AND message LIKE 'DESTINATION %'`,
        [destId],
      );
      return r.rows[0] ? JSON.parse(r.rows[0].message.slice("DESTINATION ".length)) : null;
    };
    await expect.poll(record, poll).toMatchObject({
      version: "1.0",
      requestContext: {
        requestId: id,
        condition: "RetriesExhausted",
        approximateInvokeCount: 1,
        functionArn: expect.stringContaining(`function:${name}:$LATEST`),
      },
      requestPayload: { hello: "world" },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "TypeError", errorMessage: "nope" },
    });
    const dl = await t.srv.platform.db.pool.query(`SELECT 1 FROM dead_letters WHERE "requestId" = $1`, [id]);
    expect(dl.rowCount).toBe(0);
  });

  it("sends destination records to queues: on success and on failure", async () => {
    const sqs = sqsClient(t.srv.url);
    const okQueue = uniqueQueue("on-success");
    const failQueue = uniqueQueue("on-failure");
    for (const q of [okQueue, failQueue]) await sqs.send(new CreateQueueCommand({ QueueName: q }));
    const arn = (q: string) => `arn:aws:sqs:us-east-1:000000000000:${q}`;
    const name = await deploy(
      `export const handler = async (e) => { if (e.fail) throw new Error("failed " + e.n); return { doubled: e.n * 2 }; };`,
    );
    await t.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnSuccess: { Destination: arn(okQueue) }, OnFailure: { Destination: arn(failQueue) } },
      }),
    );
    const okId = await fire(name, { n: 21 });
    const failId = await fire(name, { n: 5, fail: true });
    // Each destination message comes once its event has run; receive until it has.
    const one = async (q: string) => {
      for (const end = Date.now() + 60_000; Date.now() < end; ) {
        const r = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: `${t.srv.url}/000000000000/${q}`, WaitTimeSeconds: 5 }),
        );
        if (r.Messages?.length) return r.Messages.map((m) => JSON.parse(m.Body!));
      }
      return [];
    };
    const [success] = await one(okQueue);
    expect(success).toMatchObject({
      requestContext: { requestId: okId, condition: "Success" },
      requestPayload: { n: 21 },
      responsePayload: { doubled: 42 },
    });
    const [failure] = await one(failQueue);
    expect(failure).toMatchObject({
      requestContext: { requestId: failId, condition: "RetriesExhausted" },
      responseContext: { functionError: "Unhandled" },
      responsePayload: { errorMessage: "failed 5" },
    });
    await expect(
      t.lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: name,
          DestinationConfig: { OnFailure: { Destination: arn("no-such-queue") } },
        }),
      ),
    ).rejects.toThrow("The destination queue no-such-queue does not exist");
  });

  it("sends an event whose retries ran out to the function's DeadLetterConfig queue, as Lambda does", async () => {
    const sqs = sqsClient(t.srv.url);
    const dlq = uniqueQueue("fn-dlq");
    await sqs.send(new CreateQueueCommand({ QueueName: dlq }));
    const arn = `arn:aws:sqs:us-east-1:000000000000:${dlq}`;
    const name = await deploy(
      `export const handler = async (e) => { throw new Error("cannot take order " + e.order); };`,
    );
    const updated = await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, DeadLetterConfig: { TargetArn: arn } }),
    );
    expect(updated.DeadLetterConfig).toEqual({ TargetArn: arn });
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 0 }));
    const id = await fire(name, { order: 9 });
    const receive = () =>
      sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: `${t.srv.url}/000000000000/${dlq}`,
          WaitTimeSeconds: 5,
          MessageAttributeNames: ["All"],
        }),
      );
    let got = await receive();
    for (const end = Date.now() + 60_000; !got.Messages?.length && Date.now() < end; ) got = await receive();
    const [m] = got.Messages ?? [];
    expect(JSON.parse(m!.Body!)).toEqual({ order: 9 });
    expect(m!.MessageAttributes).toMatchObject({
      RequestID: { DataType: "String", StringValue: id },
      ErrorCode: { DataType: "Number", StringValue: "200" },
      ErrorMessage: { DataType: "String", StringValue: "cannot take order 9" },
    });
    // The queue took it: the event is not in the dead-letter list too.
    const listed = await t.srv.platform.db.pool.query(`SELECT 1 FROM dead_letters WHERE "requestId" = $1`, [id]);
    expect(listed.rowCount).toBe(0);
    await expect(
      t.lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: name,
          DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:000000000000:no-such-queue" },
        }),
      ),
    ).rejects.toThrow("DeadLetterConfig.TargetArn: the queue no-such-queue does not exist");
    const cleared = await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, DeadLetterConfig: { TargetArn: "" } }),
    );
    expect(cleared.DeadLetterConfig).toBeUndefined();
  });

  it("keeps throttled events waiting (not dropped) and drops those past their maximum age", {
    timeout: 90_000,
  }, async () => {
    const name = await deploy(`export const handler = async () => "ran";`);
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    const waiting = await fire(name, { k: "waits" });
    const aged = await fire(name, { k: "too old" });
    await expect.poll(async () => (await attempts(waiting)).some((a) => a.outcome === "Throttled"), poll).toBe(true);
    // Make one of them older than its maximum age while it waits.
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumEventAgeInSeconds: 60 }));
    // Only a waiting job can be aged: while it is being tried (and throttled) again, try later.
    const age = async () =>
      (
        await t.srv.platform.db.pool.query(
          `UPDATE pgboss.job SET data = jsonb_set(data, '{enqueuedAt}', to_jsonb((extract(epoch from now()) * 1000 - 3600000)::bigint)) WHERE name = 'nimbus-async' AND data->>'requestId' = $1 AND state IN ('created', 'retry')`,
          [aged],
        )
      ).rowCount;
    await expect.poll(age, { timeout: 30_000, interval: 50 }).toBe(1);
    await t.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    await expect
      .poll(async () => (await attempts(waiting)).filter((a) => a.outcome === "Success").length, poll)
      .toBe(1);
    await expect
      .poll(
        async () =>
          (await t.srv.platform.db.pool.query(`SELECT condition FROM dead_letters WHERE "requestId" = $1`, [aged]))
            .rows,
        poll,
      )
      .toEqual([{ condition: "EventAgeExceeded" }]);
    expect((await attempts(aged)).filter((a) => a.outcome === "Success")).toEqual([]);
  });
});
