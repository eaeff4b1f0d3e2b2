import { describe, expect, it } from "vitest";
import { decodeEvent, invokeComplete, payloadChunk } from "@/lib/aws/lambda/event-stream";

describe("the response event stream", () => {
  it("round-trips a chunk's bytes and the completion", () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 10]);
    expect(decodeEvent(payloadChunk(bytes))).toEqual({ type: "PayloadChunk", body: bytes });
    const done = decodeEvent(invokeComplete({ ErrorCode: "Unhandled", ErrorDetails: '{"errorMessage":"x"}' }));
    expect(done.type).toBe("InvokeComplete");
    expect(JSON.parse(new TextDecoder().decode(done.body))).toEqual({
      ErrorCode: "Unhandled",
      ErrorDetails: '{"errorMessage":"x"}',
    });
  });

  it("frames each message with its total length first (the prelude)", () => {
    const frame = payloadChunk(new TextEncoder().encode("data: hi\n\n"));
    expect(new DataView(frame.buffer, frame.byteOffset).getUint32(0)).toBe(frame.byteLength);
  });
});
