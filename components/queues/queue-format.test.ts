import { describe, expect, it } from "vitest";
import {
  bodyPreview,
  formatBytes,
  formatDuration,
  formatOldestAge,
  plural,
  prettyBody,
  queueOfArn,
} from "@/components/queues/queue-format";

describe("queue formatting", () => {
  it("writes durations in the largest unit they reach", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(30)).toBe("30 s");
    expect(formatDuration(90)).toBe("1.5 min");
    expect(formatDuration(43_200)).toBe("12 h");
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(345_600)).toBe("4 days");
    expect(formatDuration(1_209_600)).toBe("14 days");
  });

  it("writes sizes in binary units", () => {
    expect(formatBytes(1_048_576)).toBe("1 MiB");
    expect(formatBytes(262_144)).toBe("256 KiB");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(12)).toBe("12 B");
  });

  it("shows no age for an empty queue, and a fresh message as under a second", () => {
    const none = { visible: 0, inFlight: 0, delayed: 0, oldestAgeSec: 0 };
    expect(formatOldestAge(none)).toBe("—");
    expect(formatOldestAge({ ...none, delayed: 1 })).toBe("< 1 s");
    expect(formatOldestAge({ ...none, inFlight: 2, oldestAgeSec: 125 })).toBe("2.1 min");
  });

  it("reads the queue out of an ARN, counts, and previews bodies on one line", () => {
    expect(queueOfArn("arn:aws:sqs:us-east-1:000000000000:orders.fifo")).toBe("orders.fifo");
    expect(plural(1, "message")).toBe("1 message");
    expect(plural(1200, "record")).toBe("1,200 records");
    expect(bodyPreview('{\n  "a": 1\n}')).toBe('{ "a": 1 }');
    expect(bodyPreview("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("plain text")).toBe("plain text");
  });
});
