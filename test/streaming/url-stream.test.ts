/**
 * Function URLs in RESPONSE_STREAM mode: the head from HttpResponseStream's prelude, each write
 * delivered as it happens (to Node's http client and to curl, in both address forms), failures as
 * AWS shows them, and backpressure from a client that stops reading all the way to the handler.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { AddPermissionCommand, CreateFunctionUrlConfigCommand } from "@aws-sdk/client-lambda";
import { deployFunction, testServer } from "@/test/server";
import { urlParts } from "@/test/urls/helpers";

const t = testServer({ NIMBUS_STREAM_MAX_MB: "64" });

async function streamingUrl(source: string, o: { timeout?: number } = {}) {
  const name = await deployFunction(t.lambda, source, { prefix: "url-stream", timeout: o.timeout });
  const { FunctionUrl } = await t.lambda.send(
    new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE", InvokeMode: "RESPONSE_STREAM" }),
  );
  await t.lambda.send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: "public",
      Action: "lambda:InvokeFunctionUrl",
      Principal: "*",
      FunctionUrlAuthType: "NONE",
    }),
  );
  return { name, url: FunctionUrl!, ...urlParts(FunctionUrl!) };
}

interface Streamed {
  status: number;
  headers: http.IncomingHttpHeaders;
  chunks: Array<{ text: string; at: number }>;
  /** The connection was cut before the body ended. */
  aborted: boolean;
}

function get(host: string, target = "/", o: { pauseMs?: number } = {}): Promise<Streamed & { resumedAt: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: t.srv.port, path: target, headers: { host } }, (res) => {
      const out = { status: res.statusCode ?? 0, headers: res.headers, chunks: [] as Streamed["chunks"] };
      let aborted = false;
      let resumedAt = 0;
      if (o.pauseMs) {
        res.pause();
        setTimeout(() => {
          resumedAt = Date.now();
          res.resume();
        }, o.pauseMs);
      }
      res.on("data", (c: Buffer) => out.chunks.push({ text: c.toString("latin1"), at: Date.now() }));
      res.on("aborted", () => (aborted = true));
      res.on("error", () => (aborted = true));
      res.on("close", () => resolve({ ...out, aborted: aborted || !res.complete, resumedAt }));
    });
    req.on("error", reject);
  });
}

const SSE = `export const handler = awslambda.streamifyResponse(async (event, stream) => {
  stream = awslambda.HttpResponseStream.from(stream, {
    statusCode: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
  for (let i = 0; i < 4; i++) {
    stream.write("data: " + i + "\\n\\n");
    await new Promise((r) => setTimeout(r, 250));
  }
  stream.end();
});`;

const body = (s: Streamed) => s.chunks.map((c) => c.text).join("");

describe("a RESPONSE_STREAM function URL", () => {
  it("sends the prelude's head at once and each event as it is written", async () => {
    const u = await streamingUrl(SSE);
    const s = await get(u.host);
    expect(s.status).toBe(200);
    expect(s.headers["content-type"]).toBe("text/event-stream");
    expect(s.headers["cache-control"]).toBe("no-cache");
    expect(s.headers["transfer-encoding"]).toBe("chunked");
    expect(body(s)).toBe("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
    expect(s.chunks.length).toBeGreaterThanOrEqual(4);
    // Written 750 ms apart, first to last: a buffered answer would come all at once.
    expect(s.chunks.at(-1)!.at - s.chunks[0]!.at).toBeGreaterThanOrEqual(300);
    expect(s.aborted).toBe(false);
  });

  it("streams to curl, in the host form and the path form", async () => {
    const u = await streamingUrl(SSE);
    for (const url of [u.url, `${t.srv.url}/lambda-url/${u.urlId}/`]) {
      const arrivals: number[] = [];
      let text = "";
      await new Promise<void>((resolve, reject) => {
        const curl = spawn("curl", ["-sN", url]);
        curl.stdout.on("data", (c: Buffer) => {
          arrivals.push(Date.now());
          text += c.toString();
        });
        curl.on("error", reject);
        curl.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}`))));
      });
      expect(text, url).toBe("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
      expect(arrivals.at(-1)! - arrivals[0]!, url).toBeGreaterThanOrEqual(300);
    }
  });

  it("uses the stream's own content type without a prelude, and infers a non-streaming handler's answer", async () => {
    const plain = await streamingUrl(`export const handler = awslambda.streamifyResponse(async (e, s) => {
      s.setContentType("text/plain");
      s.write("one ");
      s.end("two");
    });`);
    const a = await get(plain.host);
    expect(a).toMatchObject({ status: 200, aborted: false });
    expect(a.headers["content-type"]).toBe("text/plain");
    expect(body(a)).toBe("one two");
    const buffered = await streamingUrl(`export const handler = async () => ({ statusCode: 201, body: "made" });`);
    const b = await get(buffered.host);
    expect(b).toMatchObject({ status: 201, aborted: false });
    expect(body(b)).toBe("made");
  });

  it("answers 502 when it fails before writing, and cuts the body when it fails after", async () => {
    const early = await streamingUrl(`export const handler = awslambda.streamifyResponse(async () => {
      throw new Error("nothing sent");
    });`);
    expect((await get(early.host)).status).toBe(502);
    const badHead = await streamingUrl(`export const handler = awslambda.streamifyResponse(async (e, s) => {
      awslambda.HttpResponseStream.from(s, { statusCode: 999 }).end("x");
    });`);
    expect((await get(badHead.host)).status).toBe(502);
    const late = await streamingUrl(`export const handler = awslambda.streamifyResponse(async (e, s) => {
      s.write("half");
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("broke");
    });`);
    const c = await get(late.host);
    expect(c.status).toBe(200);
    expect(body(c)).toBe("half");
    expect(c.aborted).toBe(true);
    const endless = await streamingUrl(
      `export const handler = awslambda.streamifyResponse(async (e, s) => { s.write("tick"); await new Promise(() => {}); });`,
      { timeout: 1 },
    );
    const d = await get(endless.host);
    expect(body(d)).toBe("tick");
    expect(d.aborted).toBe(true);
  }, 20_000);

  it("holds the handler while the client does not read: backpressure reaches its stream", async () => {
    // 48 MB, far more than the sockets between here and the sandbox buffer: the handler can
    // finish writing only after the client reads again.
    const u = await streamingUrl(`import { once } from "node:events";
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s.setContentType("application/octet-stream");
        const mb = Buffer.alloc(1024 * 1024, 97);
        for (let i = 0; i < 48; i++) if (!s.write(mb)) await once(s, "drain");
        s.end("|done at " + Date.now());
      });`);
    const s = await get(u.host, "/", { pauseMs: 1500 });
    expect(s.aborted).toBe(false);
    const text = body(s);
    expect(text.length).toBe(48 * 1024 * 1024 + "|done at ".length + 13);
    const doneAt = Number(text.slice(text.lastIndexOf(" ") + 1));
    expect(doneAt).toBeGreaterThanOrEqual(s.resumedAt);
  }, 30_000);
});
