import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { enc, testServer, uniqueName, zipOf } from "@/test/server";
import { getInvocationLog } from "@/lib/logs/search";
import {
  encodeCursor,
  functionIdOrThrow,
  listInvocations,
  parseListParams,
  parseSearchParams,
  assertRequestId,
  searchInvocationLogs,
  type InvocationItem,
} from "@/lib/logs/invocations";
import { GET as listRoute } from "@/app/api/functions/[name]/invocations/route";
import { GET as searchRoute } from "@/app/api/functions/[name]/logs/route";
import { GET as logRoute } from "@/app/api/invocations/[requestId]/log/route";

const t = testServer();

/** One function invoked four ways, oldest first: ok, ok, error, timeout. */
const f = { name: "", id: "", ids: [] as string[], startedBetween: [] as number[] };

beforeAll(async () => {
  f.name = uniqueName("logs");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: f.name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 1,
      Code: {
        ZipFile: zipOf(`export const handler = async (e) => {
      console.log("handling order " + e.n);
      if (e.mode === "fail") { console.error("card declined for order " + e.n); const err = new Error("declined"); err.name = "PaymentError"; throw err; }
      if (e.mode === "spin") while (true) {}
      return e.n;
    };`),
      },
    }),
  );
  for (const [n, mode] of [
    [1, "ok"],
    [2, "ok"],
    [3, "fail"],
    [4, "spin"],
  ] as const) {
    f.startedBetween.push(Date.now());
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: f.name, Payload: enc({ n, mode }) }));
    f.ids.push(r.$metadata.requestId!);
    // Distinct start times, so "newest first" has one right answer without the tie-breaker.
    await new Promise((res) => setTimeout(res, 5));
  }
  await t.srv.platform.writer.flush();
  f.id = await functionIdOrThrow(t.srv.platform.resolver, f.name);
});

const pool = () => t.srv.platform.db.pool;
const ids = (items: InvocationItem[]) => items.map((i) => i.requestId);

describe("listInvocations", () => {
  it("lists newest first with the fields the console shows", async () => {
    const page = await listInvocations(pool(), { functionId: f.id });
    expect(ids(page.items)).toEqual([...f.ids].reverse());
    expect(page.nextCursor).toBeNull();
    const [timeout, error, ok2, ok1] = page.items;
    expect(ok1).toMatchObject({
      attempt: 1,
      outcome: "Success",
      trigger: "api",
      memorySizeMb: 128,
      errorType: null,
      errorMessage: null,
    });
    expect(ok1!.initDurationMs).toBeGreaterThan(0); // the first call started the instance
    expect(ok2!.initDurationMs).toBeNull();
    expect(error).toMatchObject({ outcome: "Error", errorType: "PaymentError", errorMessage: "declined" });
    expect(timeout).toMatchObject({ outcome: "Timeout", errorType: "Sandbox.Timedout" });
    expect(timeout!.durationMs).toBeGreaterThanOrEqual(1000);
    expect(ok1!.billedDurationMs).toBe(Math.max(1, Math.ceil(ok1!.durationMs)));
    expect(Date.parse(ok1!.startedAt)).toBeGreaterThanOrEqual(f.startedBetween[0]! - 5);
  });

  it("filters by status and time", async () => {
    const by = async (status: "success" | "error" | "timeout" | "throttled") =>
      ids((await listInvocations(pool(), { functionId: f.id, status })).items);
    expect(await by("success")).toEqual([f.ids[1], f.ids[0]]);
    expect(await by("error")).toEqual([f.ids[2]]);
    expect(await by("timeout")).toEqual([f.ids[3]]);
    expect(await by("throttled")).toEqual([]);
    const fromThird = (await listInvocations(pool(), { functionId: f.id, from: f.startedBetween[2] })).items;
    expect(ids(fromThird)).toEqual([f.ids[3], f.ids[2]]);
    const beforeThird = (await listInvocations(pool(), { functionId: f.id, to: f.startedBetween[2] })).items;
    expect(ids(beforeThird)).toEqual([f.ids[1], f.ids[0]]);
  });

  it("pages with a cursor, one row at a time, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listInvocations(pool(), { functionId: f.id, limit: 1, cursor });
      seen.push(...ids(page.items));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...f.ids].reverse());
  });

  it("breaks ties on the start time by request id and attempt", async () => {
    // Rows written straight into the table: same millisecond, one request retried.
    const functionId = randomUUID();
    const at = new Date("2026-01-01T00:00:00.123Z");
    const rids = [randomUUID(), randomUUID(), randomUUID()].sort();
    const rows = [...rids.map((r) => [r, 1]), [rids[1], 2]] as const;
    for (const [rid, attempt] of rows) {
      await pool().query(
        `INSERT INTO invocations ("requestId", attempt, "functionId", "functionName", version, trigger, "startedAt", "durationMs", "billedDurationMs", "memorySizeMb", "maxMemoryUsedMb", outcome, "requestBytes", "responseBytes")
         VALUES ($1, $2, $3, 'tie', '$LATEST', 'async', $4, 1, 1, 128, 10, 'Success', 2, 1)`,
        [rid, attempt, functionId, at],
      );
    }
    const expected = [`${rids[2]}/1`, `${rids[1]}/2`, `${rids[1]}/1`, `${rids[0]}/1`];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInvocations(pool(), { functionId, limit: 1, cursor });
      seen.push(...page.items.map((i) => `${i.requestId}/${i.attempt}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
    // A cursor is the full sort key: resuming from the retried row skips nothing.
    const after = await listInvocations(pool(), {
      functionId,
      cursor: encodeCursor({ startedAtMs: at.getTime(), requestId: rids[1]!, attempt: 2 }),
    });
    expect(after.items.map((i) => `${i.requestId}/${i.attempt}`)).toEqual(expected.slice(2));
  });
});

describe("invocation logs", () => {
  it("renders START, the function's lines, END and REPORT; a timeout says so", async () => {
    const ok = await getInvocationLog(pool(), f.ids[0]!);
    expect(ok[0]).toBe(`START RequestId: ${f.ids[0]} Version: $LATEST`);
    expect(ok[1]).toMatch(new RegExp(`^\\d{4}-.*\\t${f.ids[0]}\\tINFO\\thandling order 1$`));
    expect(ok.at(-2)).toBe(`END RequestId: ${f.ids[0]}`);
    expect(ok.at(-1)).toMatch(
      /^REPORT RequestId: .*\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms(\tQueued: \d+ ms)?$/,
    );

    const failed = await getInvocationLog(pool(), f.ids[2]!);
    expect(failed.some((l) => /\tERROR\tcard declined for order 3$/.test(l))).toBe(true);

    const timedOut = await getInvocationLog(pool(), f.ids[3]!);
    expect(timedOut.some((l) => l.endsWith("Task timed out after 1.00 seconds"))).toBe(true);
    expect(timedOut.some((l) => l.endsWith("\tINFO\thandling order 4"))).toBe(true);
    expect(timedOut.at(-1)).toMatch(/\tStatus: timeout$/);
  });

  it("finds lines by text, with the invocation each belongs to", async () => {
    const r = await searchInvocationLogs(pool(), { functionId: f.id, text: "ORDER 3" });
    expect(r.items.map((l) => l.message)).toEqual(["card declined for order 3", "handling order 3"]);
    expect(r.invocations[f.ids[2]!]).toMatchObject({ requestId: f.ids[2], outcome: "Error" });
    expect(Object.keys(r.invocations)).toEqual([f.ids[2]]);
  });
});

describe("console routes", () => {
  const call = async <P>(
    handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>,
    url: string,
    params: P,
  ) => {
    const res = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve(params) });
    return { status: res.status, body: await res.json() };
  };

  it("lists, filters and pages over HTTP", async () => {
    const first = await call(listRoute, `/api/functions/${f.name}/invocations?limit=3&status=all`, { name: f.name });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: InvocationItem) => i.requestId)).toEqual([f.ids[3], f.ids[2], f.ids[1]]);
    const next = await call(listRoute, `/api/functions/${f.name}/invocations?limit=3&cursor=${first.body.nextCursor}`, {
      name: f.name,
    });
    expect(next.body).toMatchObject({ items: [{ requestId: f.ids[0] }], nextCursor: null });
    const since = await call(
      listRoute,
      `/api/functions/${f.name}/invocations?status=success&from=${new Date(f.startedBetween[1]!).toISOString()}`,
      { name: f.name },
    );
    expect(since.body.items.map((i: InvocationItem) => i.requestId)).toEqual([f.ids[1]]);
  });

  it("answers 400 with the parameter's name for bad values, 404 for an unknown function", async () => {
    const bad = async (qs: string) =>
      (await call(listRoute, `/api/functions/${f.name}/invocations?${qs}`, { name: f.name })).body.error
        .message as string;
    expect(await bad("status=broken")).toMatch(/^status must be one of all, success, error, timeout, throttled/);
    expect(await bad("from=yesterday")).toMatch(/^from must be an ISO 8601 time or epoch milliseconds/);
    expect(await bad("to=2026-13-45T00:00:00Z")).toMatch(/^to must be/);
    expect(await bad("from=2000&to=1000")).toBe("from must be before to");
    expect(await bad("limit=0")).toMatch(/^limit must be an integer from 1 to 200/);
    expect(await bad("cursor=bm9wZQ")).toMatch(/^cursor is not valid/);
    const status = await call(listRoute, `/api/functions/x/invocations?limit=abc`, { name: "x" });
    expect(status).toMatchObject({ status: 400, body: { error: { code: "InvalidParameterValueException" } } });
    const missing = await call(listRoute, `/api/functions/nope/invocations`, { name: uniqueName("missing") });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "ResourceNotFoundException" } } });
    expect((await call(searchRoute, `/api/functions/nope/logs?q=x`, { name: uniqueName("missing") })).status).toBe(404);
  });

  it("searches log lines over HTTP", async () => {
    const r = await call(searchRoute, `/api/functions/${f.name}/logs?q=handling+order&limit=2`, { name: f.name });
    expect(r.status).toBe(200);
    // Order 4 timed out; the line it wrote before the deadline was kept all the same.
    expect(r.body.items.map((l: { message: string }) => l.message)).toEqual(["handling order 4", "handling order 3"]);
    expect(r.body.invocations[f.ids[2]!]).toMatchObject({ outcome: "Error", errorType: "PaymentError" });
    const more = await call(
      searchRoute,
      `/api/functions/${f.name}/logs?q=handling+order&limit=2&before=${r.body.nextCursor}`,
      { name: f.name },
    );
    expect(more.body).toMatchObject({
      items: [{ message: "handling order 2" }, { message: "handling order 1" }],
      nextCursor: null,
    });
    expect((await call(searchRoute, `/api/functions/${f.name}/logs?before=abc`, { name: f.name })).status).toBe(400);
  });

  it("returns one invocation's rendered log; 404 when there is none, 400 for a non-UUID", async () => {
    const ok = await call(logRoute, `/api/invocations/${f.ids[1]}/log`, { requestId: f.ids[1]! });
    expect(ok.status).toBe(200);
    expect(ok.body.requestId).toBe(f.ids[1]);
    expect(ok.body.lines.map((l: string) => l.split(/[\t ]/)[0])).toEqual([
      "START",
      expect.stringMatching(/^\d{4}-/),
      "END",
      "REPORT",
    ]);
    expect((await call(logRoute, "/x", { requestId: randomUUID() })).status).toBe(404);
    expect(await call(logRoute, "/x", { requestId: "not-a-uuid" })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining("requestId must be a UUID") } },
    });
  });
});

describe("parameter parsing", () => {
  it("accepts ISO times and epoch milliseconds, and treats status=all as no filter", () => {
    const q = parseListParams(new URLSearchParams("status=all&from=2026-11-27T10:00:00Z&to=1795780800000&limit=10"));
    expect(q).toEqual({
      status: undefined,
      from: Date.parse("2026-11-27T10:00:00Z"),
      to: 1795780800000,
      cursor: undefined,
      limit: 10,
    });
    expect(parseSearchParams(new URLSearchParams("q=%20order%20&before=123"))).toMatchObject({
      text: "order",
      before: "123",
    });
    expect(() => parseSearchParams(new URLSearchParams(`q=${"x".repeat(201)}`))).toThrow(/at most 200/);
    expect(assertRequestId(f.ids[0]!.toUpperCase())).toBe(f.ids[0]);
  });
});
