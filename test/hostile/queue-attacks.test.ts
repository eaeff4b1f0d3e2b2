/**
 * Hostile functions fed by queues: a real server process runs event source mappings whose
 * functions spin past their timeout, crash their sandbox, exhaust their memory, or answer
 * ReportBatchItemFailures with garbage. Each poisoned batch must come back and end in its
 * dead-letter queue; a well-behaved mapping beside them must drain its queue; the server must
 * stay the same process and keep answering.
 */
import pg from "pg";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateEventSourceMappingCommand, InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { freePort } from "@/lib/db/embedded";
import { deployFunction, lambdaClient, testDatabaseUrl } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";
import { spawnServer, waitForHealth, type Proc } from "@/test/process/spawn";

let proc: Proc;
let url: string;
let lambda: LambdaClient;
let sqs: SQSClient;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  proc = spawnServer({
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl(),
    NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-qhostile-")),
  });
  await waitForHealth(url);
  lambda = lambdaClient(url);
  sqs = sqsClient(url);
}, 60_000);

afterAll(async () => {
  proc?.child.kill("SIGTERM");
  await proc?.exited;
});

const ATTACKS: Record<string, { code: string; timeout?: number; memory?: number }> = {
  spin: { code: `export const handler = async () => { while (true) {} };`, timeout: 1 },
  crash: {
    code: `export const handler = async () => { setTimeout(() => process.exit(3), 0); await new Promise(() => {}); };`,
  },
  oom: {
    code: `export const handler = async () => { const keep = []; for (;;) { keep.push(Buffer.alloc(1 << 20, 1)); await null; } };`,
    memory: 128,
  },
  garbage: {
    code: `export const handler = async (e) => ({ batchItemFailures: [{ itemIdentifier: { $ne: null } }, ...Array(100000).fill({ itemIdentifier: "x" })] });`,
  },
  "not-a-list": { code: `export const handler = async () => ({ batchItemFailures: "everything" });` },
};

async function mappedQueue(fn: string, withDlq: boolean): Promise<{ queue: string; dlq: string | null }> {
  const queue = uniqueQueue("hq");
  const dlq = withDlq ? uniqueQueue("hq-dlq") : null;
  if (dlq) await sqs.send(new CreateQueueCommand({ QueueName: dlq }));
  const policy = dlq ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(dlq), maxReceiveCount: 1 }) } : {};
  await sqs.send(new CreateQueueCommand({ QueueName: queue, Attributes: { VisibilityTimeout: "3", ...policy } }));
  await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: arn(queue),
      FunctionName: fn,
      BatchSize: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    }),
  );
  return { queue, dlq };
}

const arn = (q: string) => `arn:aws:sqs:us-east-1:000000000000:${q}`;
const queueUrl = (q: string) => `${url}/000000000000/${q}`;

async function depth(q: string): Promise<number> {
  const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(q), AttributeNames: ["All"] }));
  return (
    Number(a.Attributes!.ApproximateNumberOfMessages) +
    Number(a.Attributes!.ApproximateNumberOfMessagesNotVisible) +
    Number(a.Attributes!.ApproximateNumberOfMessagesDelayed)
  );
}

async function send(q: string, n: number, tag: string) {
  const Entries = Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify({ tag, i }) }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl(q), Entries }));
}

describe("hostile functions fed by queues", () => {
  it("dead-letters every poisoned batch while a good mapping beside them drains its queue", {
    timeout: 180_000,
  }, async () => {
    const pid = proc.child.pid;
    const hostile: Array<{ name: string; dlq: string; queue: string }> = [];
    for (const [name, a] of Object.entries(ATTACKS)) {
      const fn = await deployFunction(lambda, a.code, {
        prefix: `hq-${name}`,
        timeout: a.timeout ?? 3,
        memory: a.memory,
      });
      const { queue, dlq } = await mappedQueue(fn, true);
      hostile.push({ name, queue, dlq: dlq! });
    }
    const good = await deployFunction(
      lambda,
      `export const handler = async (e) => { for (const r of e.Records) console.log("good " + r.body); return {}; };`,
      { prefix: "hq-good" },
    );
    const { queue: goodQueue } = await mappedQueue(good, false);
    for (const h of hostile) await send(h.queue, 5, h.name);
    for (let i = 0; i < 4; i++) await send(goodQueue, 10, `good-${i}`);

    // Plain invocations keep answering meanwhile.
    const control = await deployFunction(lambda, `export const handler = async (e) => e.n * 2;`, {
      prefix: "hq-control",
    });
    const failures: string[] = [];
    const timer = setInterval(() => {
      lambda
        .send(new InvokeCommand({ FunctionName: control, Payload: new TextEncoder().encode('{"n":21}') }))
        .then((r) => {
          if (new TextDecoder().decode(r.Payload) !== "42") failures.push(`control answered ${r.FunctionError}`);
        })
        .catch((err: Error) => failures.push(err.message));
    }, 250);
    try {
      await expect.poll(() => depth(goodQueue), { timeout: 60_000, interval: 500 }).toBe(0);
      for (const h of hostile) {
        await expect.poll(() => depth(h.queue), { timeout: 90_000, interval: 500 }).toBe(0);
        expect(await depth(h.dlq), `${h.name}: its 5 messages in the dead-letter queue`).toBe(5);
      }
    } finally {
      clearInterval(timer);
    }
    expect(failures).toEqual([]);
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM log_lines l JOIN functions f ON f.id = l."functionId" WHERE f.name = $1 AND l.message LIKE 'good %'`,
        [good],
      );
      expect(rows[0].n).toBe(40);
    } finally {
      await db.end();
    }
    expect(proc.child.pid).toBe(pid);
    expect(proc.child.exitCode).toBeNull();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });
});
