/** OTLP export: with OTEL_EXPORTER_OTLP_ENDPOINT set, an invocation's spans reach the collector (a loopback one here). */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { deployFunction, lambdaClient, startTestServer } from "@/test/server";
import type { ServerHandle } from "@/server/app";

interface Exported {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[];
  }[];
}

const received: Exported[] = [];
const collector = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    if (req.url === "/v1/traces") received.push(JSON.parse(body) as Exported);
    res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
  });
});
let srv: ServerHandle;
let lambda: LambdaClient;

beforeAll(async () => {
  await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
  const port = (collector.address() as AddressInfo).port;
  srv = await startTestServer({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
  lambda = lambdaClient(srv.url);
});
afterAll(async () => {
  await srv?.close();
  collector.close();
});

describe("OTLP export", () => {
  it("sends an invocation's spans, named by its function, to the collector", { timeout: 30_000 }, async () => {
    const fn = await deployFunction(lambda, `export const handler = async () => "ok";`, { prefix: "otlp" });
    const out = await lambda.send(new InvokeCommand({ FunctionName: fn }));
    const traceId = out.$metadata.requestId!.replaceAll("-", "");
    const spansOf = () =>
      received.flatMap((r) =>
        r.resourceSpans
          .filter((rs) => rs.resource.attributes.some((a) => a.key === "service.name" && a.value.stringValue === fn))
          .flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)),
      );
    await expect.poll(() => spansOf().map((s) => s.name), { timeout: 15_000, interval: 200 }).toContain(`Invoke ${fn}`);
    const spans = spansOf();
    expect(spans.every((s) => s.traceId === traceId)).toBe(true);
    const root = spans.find((s) => s.name === `Invoke ${fn}`)!;
    expect(spans.find((s) => s.name === "Handler")?.parentSpanId).toBe(root.spanId);
  });
});
