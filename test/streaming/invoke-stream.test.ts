/**
 * InvokeWithResponseStream through the unmodified SDK: `for await (const e of res.EventStream)`
 * sees the function's chunks as PayloadChunk events while it writes them, then InvokeComplete.
 */
import { describe, expect, it } from "vitest";
import { InvokeCommand, InvokeWithResponseStreamCommand, LogType } from "@aws-sdk/client-lambda";
import { deployFunction, enc, testServer } from "@/test/server";

const t = testServer({ NIMBUS_STREAM_MAX_MB: "1" });

const SSE = `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.setContentType("text/event-stream");
  for (let i = 0; i < event.n; i++) {
    stream.write("data: " + i + "\\n\\n");
    await new Promise((r) => setTimeout(r, event.gapMs));
  }
  stream.end();
});`;

interface Seen {
  chunks: Array<{ text: string; at: number }>;
  complete?: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string };
}

async function collect(name: string, event: unknown, logType?: LogType) {
  const res = await t.lambda.send(
    new InvokeWithResponseStreamCommand({ FunctionName: name, Payload: enc(event), LogType: logType }),
  );
  const seen: Seen = { chunks: [] };
  for await (const e of res.EventStream!) {
    if (e.PayloadChunk?.Payload)
      seen.chunks.push({ text: new TextDecoder().decode(e.PayloadChunk.Payload), at: Date.now() });
    if (e.InvokeComplete) seen.complete = e.InvokeComplete;
  }
  return { res, seen };
}

describe("InvokeWithResponseStream", () => {
  it("delivers each write as it happens, then InvokeComplete", async () => {
    const name = await deployFunction(t.lambda, SSE, { prefix: "sse" });
    const { res, seen } = await collect(name, { n: 4, gapMs: 150 });
    expect(res.StatusCode).toBe(200);
    expect(res.ExecutedVersion).toBe("$LATEST");
    expect(res.ResponseStreamContentType).toBe("text/event-stream");
    expect(seen.chunks.map((c) => c.text).join("")).toBe("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
    // Not all at the end: the first chunk arrived well before the last.
    expect(seen.chunks.length).toBeGreaterThanOrEqual(4);
    expect(seen.chunks.at(-1)!.at - seen.chunks[0]!.at).toBeGreaterThanOrEqual(300);
    expect(seen.complete).toEqual({});
  });

  it("answers a handler that does not stream in one chunk, and reports errors and the log tail", async () => {
    const plain = await deployFunction(t.lambda, `export const handler = async (e) => ({ got: e.x });`);
    const a = await collect(plain, { x: 7 });
    expect(a.seen.chunks.map((c) => c.text)).toEqual(['{"got":7}']);
    expect(a.res.ResponseStreamContentType).toBe("application/json");

    const failing = await deployFunction(
      t.lambda,
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        console.log("about to fail");
        s.write("partial");
        throw new TypeError("broke mid-stream");
      });`,
    );
    const b = await collect(failing, {}, LogType.Tail);
    expect(b.seen.chunks.map((c) => c.text).join("")).toBe("partial");
    expect(b.seen.complete).toMatchObject({ ErrorCode: "TypeError", ErrorDetails: "broke mid-stream" });
    expect(Buffer.from(b.seen.complete!.LogResult!, "base64").toString()).toContain("about to fail");
  });

  it("cuts a stream past NIMBUS_STREAM_MAX_MB, and the deadline ends one that never finishes", async () => {
    const big = await deployFunction(
      t.lambda,
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        for (let i = 0; i < 40; i++) s.write(Buffer.alloc(64 * 1024, 120));
        s.end();
      });`,
    );
    const a = await collect(big, {});
    const bytes = a.seen.chunks.reduce((n, c) => n + c.text.length, 0);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(a.seen.complete).toMatchObject({ ErrorCode: "Function.ResponseSizeTooLarge" });

    const endless = await deployFunction(
      t.lambda,
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        s.write("start");
        await new Promise(() => {});
      });`,
      { timeout: 1 },
    );
    const b = await collect(endless, {});
    expect(b.seen.chunks.map((c) => c.text).join("")).toBe("start");
    expect(b.seen.complete).toMatchObject({ ErrorCode: "Sandbox.Timedout" });
  }, 30_000);

  it("a streaming handler called by plain Invoke returns its bytes as the payload", async () => {
    const name = await deployFunction(t.lambda, SSE, { prefix: "sse-buffered" });
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc({ n: 2, gapMs: 1 }) }));
    expect(out.FunctionError).toBeUndefined();
    expect(new TextDecoder().decode(out.Payload)).toBe("data: 0\n\ndata: 1\n\n");
    // The HTTP prelude of HttpResponseStream.from is part of those bytes, as on AWS.
    const http = await deployFunction(
      t.lambda,
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 201 });
        s.end("body");
      });`,
    );
    const raw = await t.lambda.send(new InvokeCommand({ FunctionName: http, Payload: enc({}) }));
    expect(Buffer.from(raw.Payload!)).toEqual(
      Buffer.concat([Buffer.from('{"statusCode":201}'), Buffer.alloc(8), Buffer.from("body")]),
    );
  });
});
