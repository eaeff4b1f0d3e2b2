import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { testDatabaseUrl, testServer } from "@/test/server";
import { sqsClient, uniqueQueue } from "@/test/api/sqs-helpers";

const t = testServer();
const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
afterAll(() => db.end());

describe("sending in the application's own transaction (nimbus_send_message)", () => {
  it("queues the message exactly when the transaction commits, and wakes a waiting receive", async () => {
    const sqs = sqsClient(t.srv.url);
    const name = uniqueQueue("tx");
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const client = await db.connect();
    try {
      // Rolled back: no message.
      await client.query("BEGIN");
      await client.query("SELECT nimbus_send_message($1, $2)", [name, '{"order":1}']);
      await client.query("ROLLBACK");
      expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();

      // Committed while a long poll waits: it gets the message.
      const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string }>("SELECT nimbus_send_message($1, $2) AS id", [
        name,
        '{"order":2}',
      ]);
      await client.query("COMMIT");
      const got = (await waiting).Messages!;
      expect(got.map((m) => [m.MessageId, m.Body])).toEqual([[rows[0]!.id, '{"order":2}']]);

      await expect(client.query("SELECT nimbus_send_message('no-such-queue', 'x')")).rejects.toThrow(
        "The specified queue does not exist: no-such-queue",
      );
    } finally {
      client.release();
    }
  });
});
