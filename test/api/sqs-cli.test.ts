/**
 * The AWS CLI v2 from Debian (2.9, /usr/bin/aws, unmodified, --endpoint-url) drives queues through
 * SQS's query protocol (form-encoded requests, XML answers): what a user's shell scripts do.
 */
import { describe, expect, it } from "vitest";
import { md5OfAttributes } from "@/lib/message-queues/attributes";
import { testServer } from "@/test/server";
import { awsCli } from "@/test/aws-cli";
import { uniqueQueue } from "@/test/api/sqs-helpers";

const t = testServer();
const { aws, fails } = awsCli(() => t.srv.url, "sqs");

describe("aws sqs", () => {
  it("creates a queue, sends, receives, changes visibility, deletes, in batches too", async () => {
    const name = uniqueQueue("cli");
    const created = await aws(
      "create-queue",
      "--queue-name",
      name,
      "--attributes",
      "VisibilityTimeout=20",
      "--tags",
      "team=ops",
    );
    const url = created!.QueueUrl as string;
    expect(url).toBe(`${t.srv.url}/000000000000/${name}`);
    expect(await aws("get-queue-url", "--queue-name", name)).toEqual({ QueueUrl: url });
    expect(await aws("list-queues", "--queue-name-prefix", name)).toEqual({ QueueUrls: [url] });
    expect(await aws("list-queue-tags", "--queue-url", url)).toEqual({ Tags: { team: "ops" } });

    const body = 'line one\r\nline "two" & <three>';
    const sent = await aws(
      "send-message",
      ...["--queue-url", url, "--message-body", body],
      ...["--message-attributes", '{"City":{"DataType":"String","StringValue":"Any City"}}'],
    );
    expect(sent).toMatchObject({
      MessageId: expect.any(String),
      MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      MD5OfMessageAttributes: md5OfAttributes({ City: { DataType: "String", StringValue: "Any City" } }),
    });
    const got = await aws(
      "receive-message",
      ...["--queue-url", url, "--attribute-names", "All", "--message-attribute-names", "All"],
    );
    const [m] = got!.Messages as Array<Record<string, unknown>>;
    // The body comes back byte for byte: a carriage return survives the XML.
    expect(m).toMatchObject({ MessageId: sent!.MessageId, Body: body, MD5OfBody: sent!.MD5OfMessageBody });
    expect(m!.MessageAttributes).toEqual({ City: { StringValue: "Any City", DataType: "String" } });
    expect((m!.Attributes as Record<string, string>).ApproximateReceiveCount).toBe("1");

    await aws(
      "change-message-visibility",
      "--queue-url",
      url,
      "--receipt-handle",
      m!.ReceiptHandle as string,
      "--visibility-timeout",
      "0",
    );
    const again = (await aws("receive-message", "--queue-url", url))!.Messages as Array<Record<string, unknown>>;
    await aws("delete-message", "--queue-url", url, "--receipt-handle", again[0]!.ReceiptHandle as string);

    const batch = await aws(
      "send-message-batch",
      "--queue-url",
      url,
      "--entries",
      JSON.stringify([
        { Id: "a", MessageBody: "first" },
        { Id: "b", MessageBody: "second", DelaySeconds: 0 },
      ]),
    );
    expect((batch!.Successful as Array<{ Id: string }>).map((s) => s.Id).sort()).toEqual(["a", "b"]);
    const two = (await aws("receive-message", "--queue-url", url, "--max-number-of-messages", "10"))!.Messages as Array<
      Record<string, string>
    >;
    expect(two.map((x) => x.Body).sort()).toEqual(["first", "second"]);
    const deleted = await aws(
      "delete-message-batch",
      "--queue-url",
      url,
      "--entries",
      JSON.stringify(two.map((x, i) => ({ Id: `d${i}`, ReceiptHandle: x.ReceiptHandle }))),
    );
    expect(deleted).toEqual({ Successful: [{ Id: "d0" }, { Id: "d1" }] });

    const attrs = await aws("get-queue-attributes", "--queue-url", url, "--attribute-names", "All");
    expect(attrs!.Attributes).toMatchObject({ VisibilityTimeout: "20", ApproximateNumberOfMessages: "0" });
    await aws("set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=5");
    expect(await aws("get-queue-attributes", "--queue-url", url, "--attribute-names", "DelaySeconds")).toEqual({
      Attributes: { DelaySeconds: "5" },
    });
    await aws("purge-queue", "--queue-url", url);
    await aws("delete-queue", "--queue-url", url);
    expect(await fails("get-queue-url", "--queue-name", name)).toContain("AWS.SimpleQueueService.NonExistentQueue");
  });
});
