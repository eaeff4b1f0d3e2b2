/** The console's Test invocation as a line stream: a streaming function's chunks arrive while it writes. */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/functions/[name]/invoke/route";
import { readLines } from "@/lib/http/client";
import { deployFunction, testServer } from "@/test/server";

const t = testServer();

async function lines(name: string, accept = "application/x-ndjson") {
  const res = await POST(
    new Request(`http://localhost/api/functions/${name}/invoke`, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify({ eventJson: "{}" }),
    }),
    { params: Promise.resolve({ name }) },
  );
  const out: Array<{ line: Record<string, unknown>; at: number }> = [];
  for await (const raw of readLines(res.body!)) out.push({ line: JSON.parse(raw), at: Date.now() });
  return { res, out };
}

describe("the console's streamed test invocation", () => {
  it("sends start, each chunk as written, then the result with the figures", async () => {
    const name = await deployFunction(
      t.lambda,
      `export const handler = awslambda.streamifyResponse(async (e, s) => {
        s.setContentType("text/plain");
        for (const w of ["alpha ", "beta ", "gamma"]) { s.write(w); await new Promise((r) => setTimeout(r, 200)); }
        s.end();
      });`,
    );
    const { res, out } = await lines(name);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    expect(out[0]!.line).toEqual({ t: "start", contentType: "text/plain" });
    const chunks = out.filter((o) => o.line.t === "chunk");
    expect(chunks.map((c) => c.line.text).join("")).toBe("alpha beta gamma");
    expect(chunks.at(-1)!.at - chunks[0]!.at).toBeGreaterThanOrEqual(300);
    const result = out.at(-1)!.line;
    expect(result).toMatchObject({
      t: "result",
      status: "Succeeded",
      streamed: { contentType: "text/plain", bytes: 16 },
      responseText: null,
    });
    expect(result.log).toEqual(expect.arrayContaining([expect.stringMatching(/^REPORT RequestId/)]));
  });

  it("answers a buffered function with the result line alone, and an unknown one with a 404", async () => {
    const name = await deployFunction(t.lambda, `export const handler = async () => ({ n: 12345678901234567890 });`);
    const { out } = await lines(name);
    expect(out).toHaveLength(1);
    expect(out[0]!.line).toMatchObject({ t: "result", streamed: null, responseText: '{"n":12345678901234567000}' });
    const missing = await POST(
      new Request("http://localhost/api/functions/nope/invoke", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: "{}",
      }),
      { params: Promise.resolve({ name: "no-such-function-here" }) },
    );
    expect(missing.status).toBe(404);
  });
});
