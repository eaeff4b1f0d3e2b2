/**
 * A hostile streaming function floods a client that does not read: it writes 128 MB as fast as it
 * can, ignoring its stream's backpressure. The bytes pile up in its own sandbox (its memory, its
 * problem) — not in the server, whose memory stays flat while the client is paused — and a control
 * URL keeps answering meanwhile.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { AddPermissionCommand, CreateFunctionUrlConfigCommand } from "@aws-sdk/client-lambda";
import { deployFunction, testServer } from "@/test/server";
import { httpRequest, urlParts } from "@/test/urls/helpers";

const t = testServer({ NIMBUS_STREAM_MAX_MB: "512" });

async function publicUrl(source: string, mode: "BUFFERED" | "RESPONSE_STREAM", memory?: number) {
  const name = await deployFunction(t.lambda, source, { prefix: "flood", memory, timeout: 60 });
  const { FunctionUrl } = await t.lambda.send(
    new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE", InvokeMode: mode }),
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
  return urlParts(FunctionUrl!).host;
}

const rssMb = () => process.memoryUsage().rss / 1048576;

describe("a stream flood to a client that does not read", () => {
  it("stays in the function's sandbox; the server's memory and other URLs are unaffected", async () => {
    const flood = await publicUrl(
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        const mb = Buffer.alloc(1024 * 1024, 120);
        for (let i = 0; i < 128; i++) s.write(mb); // no waiting for drain
        s.end();
      });`,
      "RESPONSE_STREAM",
      1024,
    );
    const control = await publicUrl(`export const handler = async () => "ok";`, "BUFFERED");
    global.gc?.();
    const before = rssMb();
    let peak = before;
    let received = 0;
    let resumed = false;
    const done = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port: t.srv.port, path: "/", headers: { host: flood } }, (res) => {
        res.pause();
        res.on("data", (c: Buffer) => {
          received += c.length;
        });
        res.on("end", resolve);
        res.on("error", reject);
        setTimeout(() => {
          resumed = true;
          res.resume();
        }, 3000);
      });
      req.on("error", reject);
    });
    // While the client is paused: the control answers, and the server holds no pile of bytes.
    const sampler = setInterval(() => {
      if (!resumed) peak = Math.max(peak, rssMb());
    }, 50);
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < 5; i++) expect((await httpRequest(t.srv.port, { host: control, target: "/" })).body).toBe("ok");
    await done;
    clearInterval(sampler);
    expect(received).toBe(128 * 1024 * 1024);
    // 128 MB were written; the server grew by far less (socket buffers and a few frames).
    expect(peak - before).toBeLessThan(48);
  }, 60_000);
});
