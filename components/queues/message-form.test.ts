import { describe, expect, it } from "vitest";
import { EMPTY_MESSAGE, toMessageRequest, validateMessage } from "@/components/queues/message-form";

const standard = { fifo: false, maxMessageBytes: 1024, contentBasedDedup: false };
const fifo = { ...standard, fifo: true };

describe("send-message form rules", () => {
  it("needs a body within the queue's size, counted in UTF-8 bytes", () => {
    expect(validateMessage(EMPTY_MESSAGE, standard, 900).body).toBe("Enter a message body");
    expect(validateMessage({ ...EMPTY_MESSAGE, body: "x" }, standard, 900)).toEqual({});
    expect(validateMessage({ ...EMPTY_MESSAGE, body: "é".repeat(513) }, standard, 900).body).toBe(
      "The body is 1026 bytes; this queue takes at most 1024",
    );
  });

  it("takes a delay on standard queues only, within the server's limit", () => {
    const ok = { ...EMPTY_MESSAGE, body: "x" };
    expect(validateMessage({ ...ok, delaySec: "901" }, standard, 900).delaySec).toMatch(/between 0 and 900/);
    expect(validateMessage({ ...ok, delaySec: "5" }, standard, 900)).toEqual({});
    expect(toMessageRequest({ ...ok, delaySec: "5" }, false)).toEqual({ body: "x", delaySec: 5 });
    expect(toMessageRequest(ok, false)).toEqual({ body: "x" });
  });

  it("asks a FIFO queue's message for a group and a deduplication id unless content-based", () => {
    const ok = { ...EMPTY_MESSAGE, body: "x" };
    const e = validateMessage(ok, fifo, 900);
    expect(e.groupId).toMatch(/message group id/);
    expect(e.dedupId).toMatch(/deduplication id/);
    expect(validateMessage({ ...ok, groupId: "g1" }, { ...fifo, contentBasedDedup: true }, 900)).toEqual({});
    expect(validateMessage({ ...ok, groupId: "g 1", dedupId: "d1" }, fifo, 900).groupId).toBeDefined();
    expect(toMessageRequest({ ...ok, groupId: "g1", dedupId: "d1", delaySec: "3" }, true)).toEqual({
      body: "x",
      groupId: "g1",
      dedupId: "d1",
    });
  });
});
