import { beforeAll, describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand, PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { enc, testServer, uniqueName, zipOf } from "@/test/server";
import { FUNCTION_METRICS_SQL, getFunctionMetrics } from "@/lib/metrics/series";
import { bucketWindow } from "@/lib/metrics/range";
import { estimateCost } from "@/lib/metrics/cost";
import { GET } from "@/app/api/functions/[name]/metrics/route";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MonitorCharts } from "@/components/metrics/monitor-charts";

const t = testServer();

const SOURCE = `export const handler = async (e) => {
  if (e.fail) throw new Error("boom");
  if (e.spin) while (true) {}
  await new Promise((r) => setTimeout(r, e.sleep ?? 5));
  return "ok";
};`;

/** One function with a known history: 3 successes (the first cold), 1 error, 1 timeout, 1 throttle. */
const fx = { name: "", id: "", before: 0, after: 0 };

beforeAll(async () => {
  fx.name = uniqueName("metrics");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: fx.name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(SOURCE) },
      Timeout: 1,
      MemorySize: 256,
    }),
  );
  fx.before = Date.now();
  for (const event of [{}, { sleep: 50 }, {}, { fail: true }, { spin: true }])
    await t.lambda.send(new InvokeCommand({ FunctionName: fx.name, Payload: enc(event) }));
  await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fx.name, ReservedConcurrentExecutions: 0 }));
  await expect(t.lambda.send(new InvokeCommand({ FunctionName: fx.name }))).rejects.toMatchObject({
    name: "TooManyRequestsException",
  });
  await t.srv.platform.writer.flush();
  fx.after = Date.now();
  fx.id = (await t.srv.platform.resolver.get(fx.name))!.record.id;
});

describe("getFunctionMetrics", () => {
  it("counts invocations, errors, throttles and the cold start over 1h in 60 continuous buckets", async () => {
    const m = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h");
    expect(m.buckets).toHaveLength(60);
    expect(m.buckets.every((b, i) => i === 0 || b.t - m.buckets[i - 1]!.t === 60_000)).toBe(true);
    expect(m.buckets[0]!.t).toBe(m.fromMs);
    expect(m.buckets.at(-1)!.t + m.stepMs).toBe(m.toMs);
    expect(m.totals).toMatchObject({ invocations: 5, errors: 2, throttles: 1, coldStarts: 1, requests: 5 });
    // Per-bucket counts add up to the totals.
    const sum = (k: "invocations" | "errors" | "throttles" | "coldStarts") => m.buckets.reduce((s, b) => s + b[k], 0);
    expect([sum("invocations"), sum("errors"), sum("throttles"), sum("coldStarts")]).toEqual([5, 2, 1, 1]);
    // Empty buckets are zeros for counts and gaps (null) for durations.
    const idle = m.buckets.find((b) => b.invocations === 0 && b.throttles === 0)!;
    expect(idle).toMatchObject({ durationMsP50: null, durationMsP99: null, concurrencyAvg: 0 });
  });

  it("measures duration percentiles, concurrency and GB-seconds from the stored rows", async () => {
    const { totals } = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h");
    const rows = (
      await t.srv.platform.db.pool.query<{ billedDurationMs: number; durationMs: number; outcome: string }>(
        `SELECT "billedDurationMs", "durationMs", outcome FROM invocations WHERE "functionId" = $1`,
        [fx.id],
      )
    ).rows;
    const timeout = rows.find((r) => r.outcome === "Timeout")!;
    expect(timeout.durationMs).toBeGreaterThanOrEqual(1000);
    // The timeout is the slowest of five: p99 sits between the 4th value and it; p50 is a quick call.
    expect(totals.durationMsP99!).toBeGreaterThan(900);
    expect(totals.durationMsP99!).toBeLessThanOrEqual(timeout.durationMs);
    expect(totals.durationMsP50!).toBeLessThan(500);
    expect(totals.durationMsP50!).toBeLessThanOrEqual(totals.durationMsP90!);
    // 256 MB = 0.25 GB; the timeout alone bills ≥ 1 s.
    const expected = rows.reduce((s, r) => s + (r.billedDurationMs / 1000) * 0.25, 0);
    expect(totals.gbSeconds).toBeCloseTo(expected, 9);
    expect(totals.gbSeconds).toBeGreaterThanOrEqual(0.25);
    expect(estimateCost(totals).totalUsd).toBeCloseTo(expected * 0.0000166667 + 5 * 0.2e-6, 12);
    expect(totals.concurrencyAvg).toBeGreaterThan(0);
  });

  it("uses 15-minute buckets for 24h and 2-hour buckets for 7d, with the same totals", async () => {
    const day = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "24h");
    const week = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "7d");
    expect([day.buckets.length, day.stepMs, week.buckets.length, week.stepMs]).toEqual([96, 900_000, 84, 7_200_000]);
    expect(day.totals).toMatchObject({ invocations: 5, errors: 2, throttles: 1, coldStarts: 1 });
    expect(week.totals).toMatchObject({ invocations: 5, errors: 2, throttles: 1, coldStarts: 1 });
  });

  it("returns a full, empty series for a quiet period and for an unknown id", async () => {
    const later = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h", fx.after + 2 * 3_600_000);
    expect(later.buckets).toHaveLength(60);
    expect(later.totals).toEqual({
      invocations: 0,
      errors: 0,
      throttles: 0,
      coldStarts: 0,
      queued: 0,
      queuedMsMax: null,
      requests: 0,
      gbSeconds: 0,
      durationMsP50: null,
      durationMsP90: null,
      durationMsP99: null,
      concurrencyAvg: 0,
    });
    const none = await getFunctionMetrics(t.srv.platform.db.pool, "00000000-0000-4000-8000-000000000000", "7d");
    expect(none.buckets.every((b) => b.invocations === 0)).toBe(true);
  });
});

describe("GET /api/functions/:name/metrics (handler called directly: the test server runs without Next)", () => {
  const call = (name: string, query: string) =>
    GET(new Request(`http://localhost/api/functions/${encodeURIComponent(name)}/metrics${query}`), {
      params: Promise.resolve({ name }),
    });

  it("answers the metrics as JSON", async () => {
    const res = await call(fx.name, "?range=24h");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      range: "24h",
      stepMs: 900_000,
      totals: { invocations: 5, errors: 2, throttles: 1, coldStarts: 1 },
    });
    expect(body.buckets).toHaveLength(96);
    expect(Object.keys(body.buckets[0]).sort()).toEqual([
      "coldStarts",
      "concurrencyAvg",
      "durationMsP50",
      "durationMsP90",
      "durationMsP99",
      "errors",
      "invocations",
      "queued",
      "queuedMsMax",
      "t",
      "throttles",
    ]);
  });

  it("refuses an unknown range with 400 and an unknown function with 404", async () => {
    const bad = await call(fx.name, "?range=2d");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "InvalidParameterValueException", message: 'range must be one of 1h, 24h, 7d (got "2d")' },
    });
    const missing = await call(uniqueName("missing"), "?range=1h");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({
      code: "ResourceNotFoundException",
      message: expect.stringContaining("Function not found: arn:aws:lambda:"),
    });
  });
});

describe("getFunctionMetrics on 100k rows", () => {
  it("counts exactly and reads through an index, never a scan of every invocation", async () => {
    const db = await t.srv.platform.db.pool.connect();
    const id = "5eed0000-0000-4000-8000-000000000001";
    const now = Date.now();
    try {
      // Inside a transaction that is rolled back: the shared test database is left as it was.
      await db.query("BEGIN");
      await db.query(
        `INSERT INTO invocations ("requestId","functionId","functionName","version","trigger","startedAt","durationMs","billedDurationMs","initDurationMs","memorySizeMb","maxMemoryUsedMb","outcome","requestBytes","responseBytes")
         SELECT gen_random_uuid(), $1::uuid, 'bulk', '$LATEST', 'sync', to_timestamp($2::float8 / 1000) - (i % 6000) * interval '86.4 seconds',
           CASE WHEN i % 6 = 5 THEN 0 ELSE i % 200 END, CASE WHEN i % 6 = 5 THEN 0 ELSE 100 END, CASE WHEN i % 100 = 0 THEN 50 END, 128, 60,
           CASE i % 6 WHEN 4 THEN 'Error' WHEN 5 THEN 'Throttled' ELSE 'Success' END, 0, 0
         FROM generate_series(1, 100000) AS i`,
        [id, now],
      );
      await db.query("ANALYZE invocations");
      const week = await getFunctionMetrics(db, id, "7d", now);
      expect(week.totals).toMatchObject({
        invocations: 83_334,
        errors: 16_667,
        throttles: 16_666,
        coldStarts: 1_000,
        requests: 83_334,
      });
      expect(week.totals.gbSeconds).toBeCloseTo(83_334 * 0.1 * 0.125, 6);
      expect(week.totals.durationMsP50!).toBeGreaterThan(90);
      expect(week.totals.durationMsP50!).toBeLessThan(110);
      const hour = bucketWindow("1h", now);
      const plan = await db.query(`EXPLAIN ${FUNCTION_METRICS_SQL}`, [id, hour.fromMs, hour.toMs, hour.stepMs]);
      // Which index depends on the statistics (other tests fill the last hour too): the
      // (functionId, startedAt) one or the startedAt one — but never a sequential scan.
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toMatch(/Index (Only )?Scan .*invocations_(functionId_)?startedAt_idx/);
      expect(text).not.toMatch(/Seq Scan on invocations/);
    } finally {
      await db.query("ROLLBACK");
      db.release();
    }
  }, 60_000);
});

describe("the Monitor charts render the real metrics", () => {
  it("one titled card per chart, each with a summarising role=img, and empty states for a quiet hour", async () => {
    const m = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h");
    const html = renderToStaticMarkup(createElement(MonitorCharts, { metrics: m }));
    expect([...html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((x) => x[1])).toEqual([
      "Invocations",
      "Errors and success rate",
      "Throttles",
      "Duration",
      "Cold starts and queue waits",
      "Concurrent executions (average)",
    ]);
    expect(html).toContain('role="img" aria-label="Invocations: 5 in the last hour');
    expect(html).toContain('aria-label="Errors: 2 of 5 invocations in the last hour (60.0% success)"');
    expect(html).toContain('aria-label="Cold starts: 1 of 5 invocations in the last hour"');
    const quiet = renderToStaticMarkup(
      createElement(MonitorCharts, {
        metrics: await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h", fx.after + 2 * 3_600_000),
      }),
    );
    expect(quiet.match(/No invocations in this period<\/div>/g)).toHaveLength(6);
  });
});

describe("queue waits", () => {
  it("counts the calls that waited for a busy instance and the longest wait", async () => {
    // Sequential calls never wait: mark two of the fixture's as the queueing check records them.
    await t.srv.platform.db.pool.query(
      `UPDATE invocations SET "queuedMs" = CASE WHEN "durationMs" > 40 THEN 12 ELSE 3 END
        WHERE "functionId" = $1 AND outcome = 'Success' AND "initDurationMs" IS NULL`,
      [fx.id],
    );
    const m = await getFunctionMetrics(t.srv.platform.db.pool, fx.id, "1h");
    expect(m.totals).toMatchObject({ queued: 2, queuedMsMax: 12 });
    expect(m.buckets.reduce((n, b) => n + b.queued, 0)).toBe(2);
    const html = renderToStaticMarkup(createElement(MonitorCharts, { metrics: m }));
    expect(html).toContain("2 waited for a busy instance instead (longest 12.0 ms)");
  });
});
