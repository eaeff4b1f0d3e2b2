/**
 * Odd input at every console API route through the real stack (the server front and Next's
 * router): malformed percent-encoding, encoded NUL and lone surrogates in the path and the
 * query, lone surrogates and absurd depth in bodies, bodies past the route's bound. No answer
 * may be a 5xx, and every error is the console's JSON shape.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@/e2e/helpers";

const root = path.resolve("app/api");
function routes(): Array<{ urlPath: string; methods: string[] }> {
  const out: Array<{ urlPath: string; methods: string[] }> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e === "route.ts") {
        const src = readFileSync(p, "utf8");
        const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) =>
          new RegExp(`export const ${m}\\b`).test(src),
        );
        out.push({ urlPath: "/api/" + path.relative(root, d).replaceAll(path.sep, "/"), methods });
      }
    }
  };
  walk(root);
  return out;
}

const ODD_SEGMENTS = ["%00", "%ff", "%", "%ED%A0%80", "a%00b", "%E2%80%AE", "..%2F..%2Fetc"];
const ODD_QUERIES = ["q=%00", "search=%ED%A0%80", "cursor=%ff", "from=%00", "limit=%", "status=a%00"];
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const ODD_BODIES = [
  '{"name":"\\ud800"}',
  '{"description":"a\\u0000b"}',
  '{"environment":{"K":"\\udfff"}}',
  `{"event":${deep(10_000)}}`,
  `{"eventJson":"${deep(10_000)}"}`,
  '{"\\ud800":1}',
];

test("every console route answers odd input with a 4xx in the console's error shape", async ({ request }) => {
  const list = routes();
  expect(list.length).toBeGreaterThan(20);
  const bad: string[] = [];
  let calls = 0;
  const check = async (method: string, target: string, data?: string) => {
    const res = await request.fetch(target, {
      method,
      data,
      headers: data ? { "content-type": "application/json" } : {},
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    calls++;
    const text = await res.text();
    if (res.status() >= 500)
      bad.push(`${res.status()} ← ${method} ${target} ${data?.slice(0, 60) ?? ""} → ${text.slice(0, 200)}`);
    else if (res.status() >= 400 && !/^\{"error":\{"code":"\w+","message":/.test(text))
      bad.push(`not the console's error shape: ${res.status()} ← ${method} ${target} → ${text.slice(0, 200)}`);
  };
  for (const { urlPath, methods } of list) {
    for (const method of methods) {
      for (const seg of ODD_SEGMENTS) {
        const target = urlPath.replace(/\[\w+\]/g, seg);
        if (target !== urlPath) await check(method, target, method === "GET" || method === "DELETE" ? undefined : "{}");
      }
      const base = urlPath.replace(/\[\w+\]/g, "no-such-thing");
      for (const q of ODD_QUERIES)
        await check(method, `${base}?${q}`, method === "GET" || method === "DELETE" ? undefined : "{}");
      if (method !== "GET" && method !== "DELETE") for (const body of ODD_BODIES) await check(method, base, body);
    }
  }
  expect(calls).toBeGreaterThan(300);
  expect(bad).toEqual([]);
});

test("a body past a route's bound is refused with 413 before it is read", async ({ request }) => {
  const big = "x".repeat(2 * 1024 * 1024);
  const res = await request.post("/api/functions/anything/test-events", {
    data: JSON.stringify({ name: "big", payload: big }),
    headers: { "content-type": "application/json" },
    failOnStatusCode: false,
  });
  expect(res.status()).toBe(413);
  expect(await res.json()).toMatchObject({
    error: { code: "RequestTooLargeException", message: expect.stringContaining("at most 1048576 bytes") },
  });
  // Code written in the console is bounded like the Lambda console's inline editor (3 MB).
  const source = "//" + "y".repeat(3 * 1024 * 1024 + 10);
  const created = await request.post("/api/functions", {
    data: { name: `big-source-${Date.now()}`, source },
    failOnStatusCode: false,
  });
  expect(created.status()).toBe(413);
  expect((await created.json()).error.message).toContain("limited to 3145728 bytes");
});
