/**
 * `npm run bench:queues`: SQS-compatible queues on a server this script starts (embedded
 * PostgreSQL), driven by @aws-sdk/client-sqs as an application would:
 *  1. throughput: 4 producers sending batches of 10 and 4 consumers receiving batches of 10 and
 *     deleting them in batches, for BENCH_SECONDS, producers holding back while 1,000 messages are
 *     in the queue; messages/s all the way through (sent, then received and deleted), with the
 *     server's and PostgreSQL's CPU per message (the load generator's own CPU is not counted);
 *  2. idle to handler start: an event source mapping (batch size 1, no window) on an empty queue;
 *     one message at a time, the time from SendMessage to the handler's first log line.
 * Writes bench/queues-results.json (docs/benchmarks.md, "Queues").
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { zipFiles } from "@/lib/code/package";
import { percentile } from "@/bench/client";
import { cpuSplit } from "@/bench/proc";
import { BENCH_CREDENTIALS } from "@/bench/sign";
import { root, startNimbus, stopNimbus } from "@/bench/nimbus";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PRODUCERS = 4;
const CONSUMERS = 4;
const LATENCY_SAMPLES = 40;
/** Producers wait while this many messages are sent and not yet deleted. */
const BACKLOG = 1000;
const log = (m: string) => process.stderr.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function throughput(sqs: SQSClient, pid: number | null) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-throughput" }));
  const body = JSON.stringify({ order: 12345, items: ["a", "b", "c"], note: "x".repeat(100) });
  let sent = 0;
  let done = 0;
  const until = Date.now() + SECONDS * 1000;
  const c0 = cpuSplit(pid);
  const started = Date.now();
  const producers = Array.from({ length: PRODUCERS }, async (_, p) => {
    while (Date.now() < until) {
      // Steady state: the backlog stays bounded, so what is measured is messages all the way through.
      while (sent - done > BACKLOG && Date.now() < until) await sleep(2);
      const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: `p${p}-${j}`, MessageBody: body }));
      const r = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      sent += r.Successful?.length ?? 0;
    }
  });
  const consumers = Array.from({ length: CONSUMERS }, async () => {
    while (Date.now() < until) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      const msgs = r.Messages ?? [];
      if (!msgs.length) continue;
      const d = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: msgs.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      done += d.Successful?.length ?? 0;
    }
  });
  await Promise.all([...producers, ...consumers]);
  const elapsed = (Date.now() - started) / 1000;
  const c1 = cpuSplit(pid);
  return {
    sentPerSec: Math.round(sent / elapsed),
    receivedAndDeletedPerSec: Math.round(done / elapsed),
    serverCpuMsPerMessage: round((c1.server - c0.server) / Math.max(1, done), 3),
    postgresCpuMsPerMessage: round((c1.postgres - c0.postgres) / Math.max(1, done), 3),
  };
}

async function idleToHandler(sqs: SQSClient, lambda: LambdaClient, db: pg.Client) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "bench-idle" }));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: "bench-consumer",
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: {
        ZipFile: zipFiles({
          "index.mjs": `export const handler = async (e) => { console.log("start " + e.Records[0].body); };`,
        }),
      },
    }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:bench-idle",
      FunctionName: "bench-consumer",
      BatchSize: 1,
    }),
  );
  await sleep(1000);
  const sentAt = new Map<string, number>();
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const id = `m${i}`;
    sentAt.set(id, Date.now());
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: id }));
    await sleep(300); // the queue is empty again: the poller is back asleep
  }
  for (;;) {
    const { rows } = await db.query<{ message: string; ms: number }>(
      `SELECT message, extract(epoch FROM ts) * 1000 AS ms FROM log_lines WHERE message LIKE 'start m%'`,
    );
    if (rows.length >= LATENCY_SAMPLES) {
      const delays = rows.map((r) => Number(r.ms) - sentAt.get(r.message.slice(6))!).sort((a, b) => a - b);
      return { samples: delays.length, p50Ms: round(percentile(delays, 50)), p99Ms: round(percentile(delays, 99)) };
    }
    await sleep(200);
  }
}

async function main() {
  const nimbus = await startNimbus([], {}, ["--no-console"]);
  const dataDir = nimbus.dataDir!;
  const endpoint = `http://${nimbus.target.host}:${nimbus.target.port}`;
  const pgPid = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const db = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPid[3]}/nimbus`,
  });
  await db.connect();
  const sqs = new SQSClient({ endpoint, region: "us-east-1", credentials: BENCH_CREDENTIALS });
  const lambda = new LambdaClient({ endpoint, region: "us-east-1", credentials: BENCH_CREDENTIALS });
  try {
    log(`[bench] queue throughput: ${PRODUCERS} producers, ${CONSUMERS} consumers, batches of 10, ${SECONDS}s…`);
    const tput = await throughput(sqs, nimbus.pid);
    log("[bench] idle queue to handler start…");
    const idle = await idleToHandler(sqs, lambda, db);
    const results = { date: new Date().toISOString(), throughput: tput, idleToHandlerStart: idle };
    writeFileSync(path.join(root, "bench", "queues-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    sqs.destroy();
    lambda.destroy();
    await db.end();
    await stopNimbus(nimbus);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
