import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { freePort } from "@/lib/db/embedded";
import { deployFunction, lambdaClient, testDatabaseUrl } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";
import { spawnServer, waitForHealth } from "@/test/process/spawn";

describe("a queue's backlog survives a crash", () => {
  it("kill -9 mid-backlog: after a restart every message was handled, none lost", { timeout: 150_000 }, async () => {
    const env = (port: number) => ({
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(),
      NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-qcrash-")),
    });
    const port1 = await freePort();
    const first = spawnServer(env(port1));
    const url1 = `http://127.0.0.1:${port1}`;
    await waitForHealth(url1);
    const sqs = sqsClient(url1);
    const queue = uniqueQueue("crash");
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: queue, Attributes: { VisibilityTimeout: "5" } }),
    );
    const total = 400;
    for (let i = 0; i < total; i += 10) {
      const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: String(i + j) }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    }
    // Slow enough that the crash lands mid-backlog: 100 ms per batch of 10.
    const fn = await deployFunction(
      lambdaClient(url1),
      `export const handler = async (e) => { await new Promise((r) => setTimeout(r, 100));
         for (const r of e.Records) console.log("handled " + r.body); return {}; };`,
      { prefix: "qcrash" },
    );
    await lambdaClient(url1).send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
        FunctionName: fn,
        BatchSize: 10,
        ScalingConfig: { MaximumConcurrency: 2 },
      }),
    );

    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const handled = async () =>
      new Set(
        (
          await db.query<{ message: string }>(
            `SELECT l.message FROM log_lines l JOIN functions f ON f.id = l."functionId"
              WHERE f.name = $1 AND l.message LIKE 'handled %'`,
            [fn],
          )
        ).rows.map((r) => Number(r.message.slice(8))),
      );
    const left = async (url: string) => {
      const a = await sqsClient(url).send(
        new GetQueueAttributesCommand({ QueueUrl: `${url}/000000000000/${queue}`, AttributeNames: ["All"] }),
      );
      return (
        Number(a.Attributes!.ApproximateNumberOfMessages) + Number(a.Attributes!.ApproximateNumberOfMessagesNotVisible)
      );
    };
    await expect.poll(async () => (await handled()).size, { timeout: 60_000, interval: 100 }).toBeGreaterThan(40);
    first.child.kill("SIGKILL");
    await first.exited;
    const before = (await handled()).size;
    expect(before).toBeLessThan(total); // the crash really interrupted the backlog

    const port2 = await freePort();
    const second = spawnServer(env(port2));
    const url2 = `http://127.0.0.1:${port2}`;
    try {
      await waitForHealth(url2);
      // Messages in flight at the crash come back after their 5 s visibility timeout.
      await expect.poll(() => left(url2), { timeout: 90_000, interval: 500 }).toBe(0);
      const seen = await handled();
      const missing = Array.from({ length: total }, (_, n) => n).filter((n) => !seen.has(n));
      expect(missing).toEqual([]);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
      await db.end();
    }
  });
});
