/**
 * `DATABASE_URL=… node scripts/seed.mjs`: fills a Nimbus database for console performance work,
 * then times the Logs tab's queries against it.
 *
 * - SEED_FUNCTIONS functions (default 1000) named seed-fn-0001…, all sharing one tiny code package;
 * - for seed-fn-0001, SEED_INVOCATIONS invocations (default 100,000) spread over the last 7 days
 *   and SEED_LOG_LINES log lines (default 1,000,000), ids ascending with time as the writer makes them.
 * Rows are generated inside PostgreSQL (INSERT … SELECT FROM generate_series): one round trip per
 * table, seconds rather than minutes. Idempotent: whatever is already there is counted and not
 * inserted again. Migrations are applied first (a no-op on a database a server already started on).
 */
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { sha256Base64, zipFiles } from "@/lib/code/package";
import { getInvocationLog, searchLogLines } from "@/lib/logs/search";
import {
  encodeCursor,
  listInvocations,
  listInvocationsSql,
  searchInvocationLogs,
  type ListInvocationsQuery,
} from "@/lib/logs/invocations";

const FUNCTIONS = Number(process.env.SEED_FUNCTIONS ?? 1000);
const INVOCATIONS = Number(process.env.SEED_INVOCATIONS ?? 100_000);
const LOG_LINES = Number(process.env.SEED_LOG_LINES ?? 1_000_000);
/** Appears in RARE_LINES of the lines: the needle for the search timing. */
const RARE_WORD = "zebracorn";
const RARE_LINES = 10;
const log = (m: string): void => void process.stdout.write(m + "\n");

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await f();
  log(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return v;
}

async function seedFunctions(pool: pg.Pool): Promise<void> {
  const zip = zipFiles({ "index.mjs": `export const handler = async (event) => ({ ok: true, event });\n` });
  const sha = sha256Base64(zip);
  await pool.query(
    `INSERT INTO code_packages (sha256, zip, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
    [sha, Buffer.from(zip), zip.byteLength],
  );
  const width = Math.max(4, String(FUNCTIONS).length);
  const r = await pool.query(
    `INSERT INTO functions (id, name, description, runtime, handler, "memoryMb", "timeoutSec", environment, "reservedConcurrency", "codeSha256", "codeSize", revision, state, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'seed-fn-' || lpad(g::text, $4, '0'), 'Seeded for console performance work', 'nodejs20.x', 'index.handler', 128, 3, '{}'::jsonb, NULL, $1, $2, 1, 'Active', now(), now()
     FROM generate_series(1, $3::int) g
     ON CONFLICT (name) DO NOTHING`,
    [sha, zip.byteLength, FUNCTIONS, width],
  );
  log(`functions: ${r.rowCount} inserted, ${FUNCTIONS - (r.rowCount ?? 0)} already present`);
}

/** Outcomes roughly as a busy function sees them: 90% success, 6% error, 2% timeout, 1% each throttled and crashed. */
async function seedInvocations(pool: pg.Pool, fn: { id: string; name: string }): Promise<void> {
  const have = Number(
    (await pool.query(`SELECT count(*) AS n FROM invocations WHERE "functionId" = $1`, [fn.id])).rows[0].n,
  );
  const want = INVOCATIONS - have;
  if (want <= 0) return log(`invocations: ${have} already present for ${fn.name}, none inserted`);
  await timed(`invocations: ${want} inserted for ${fn.name} over the last 7 days`, () =>
    pool.query(
      `INSERT INTO invocations ("requestId", attempt, "functionId", "functionName", version, trigger, "startedAt", "durationMs", "billedDurationMs", "initDurationMs", "memorySizeMb", "maxMemoryUsedMb", outcome, "errorType", "errorMessage", "requestBytes", "responseBytes", "logBytes", "logTruncated")
       SELECT gen_random_uuid(), 1, $1, $2, '$LATEST', (ARRAY['api','api','api','console','schedule','async'])[1 + (g % 6)],
              now() - ((g - 1 + random()) / $3::float8) * interval '7 days',
              d, CASE WHEN o = 'Throttled' THEN 0 ELSE greatest(1, ceil(d))::int END,
              CASE WHEN g % 37 = 0 THEN 40 + random() * 200 END, 128, CASE WHEN o = 'Throttled' THEN 0 ELSE 40 + (g % 30) END, o,
              CASE o WHEN 'Error' THEN 'OrderError' WHEN 'Timeout' THEN 'Sandbox.Timedout' WHEN 'Throttled' THEN 'TooManyRequestsException' WHEN 'Crash' THEN 'Runtime.ExitError' END,
              CASE o WHEN 'Error' THEN 'order ' || g || ' could not be charged' WHEN 'Timeout' THEN 'Task timed out after 3.00 seconds' WHEN 'Throttled' THEN 'Rate Exceeded.' WHEN 'Crash' THEN 'RequestId: exited with code 1' END,
              120, 40, 400, false
       FROM (SELECT g, CASE WHEN o = 'Timeout' THEN 3000 WHEN o = 'Throttled' THEN 0 ELSE 2 + random() * random() * 800 END AS d, o
             FROM (SELECT g, CASE WHEN r < 0.90 THEN 'Success' WHEN r < 0.96 THEN 'Error' WHEN r < 0.98 THEN 'Timeout' WHEN r < 0.99 THEN 'Throttled' ELSE 'Crash' END AS o
                   FROM (SELECT g, random() AS r FROM generate_series($4::int + 1, $4::int + $5::int) g) a) b) c`,
      [fn.id, fn.name, INVOCATIONS, have, want],
    ),
  );
}

/**
 * Keeping the trigram GIN and the random-uuid B-tree up to date row by row made a million-row
 * insert take ≈21 s; dropping the secondary indexes and building them again afterwards takes ≈8 s.
 * All in one transaction, with the definitions read back from pg_indexes, so an interrupted seed
 * leaves the indexes exactly as the migrations made them. It holds an exclusive lock on the table
 * meanwhile: a server writing to the same database waits (its writer buffers) for those seconds.
 */
async function withIndexesRebuilt(
  pool: pg.Pool,
  table: string,
  rebuild: boolean,
  f: (c: pg.PoolClient) => Promise<unknown>,
): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    const { rows } = rebuild
      ? await c.query<{ indexname: string; indexdef: string }>(
          `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
           WHERE i.schemaname = current_schema() AND i.tablename = $1 AND NOT x.indisprimary AND NOT x.indisunique`,
          [table],
        )
      : { rows: [] };
    for (const r of rows) await c.query(`DROP INDEX "${r.indexname}"`);
    await f(c);
    await c.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const r of rows) await c.query(r.indexdef);
    await c.query("COMMIT");
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** Lines are spread evenly over the invocations that ran; ERROR lines end the failed ones. */
async function seedLogLines(pool: pg.Pool, fn: { id: string; name: string }): Promise<void> {
  const have = Number(
    (await pool.query(`SELECT count(*) AS n FROM log_lines WHERE "functionId" = $1`, [fn.id])).rows[0].n,
  );
  const want = LOG_LINES - have;
  if (want <= 0) return log(`log lines: ${have} already present for ${fn.name}, none inserted`);
  const ran = Number(
    (
      await pool.query(`SELECT count(*) AS n FROM invocations WHERE "functionId" = $1 AND outcome <> 'Throttled'`, [
        fn.id,
      ])
    ).rows[0].n,
  );
  if (ran === 0) return log("log lines: no invocations to attach them to");
  const per = Math.floor(want / ran);
  const extra = want % ran;
  const step = Math.max(1, Math.floor(ran / RARE_LINES));
  await timed(`log lines: ${want} inserted for ${fn.name} ("${RARE_WORD}" in ${Math.floor(ran / step)} of them)`, () =>
    withIndexesRebuilt(pool, "log_lines", want > 100_000, (c) =>
      c.query(
        `INSERT INTO log_lines ("requestId", "functionId", ts, level, message)
       SELECT i."requestId", $1, i."startedAt" + (k * i."durationMs" / (n + 1)) * interval '1 ms',
              CASE WHEN k = n AND i.outcome IN ('Error', 'Crash') THEN 'ERROR' WHEN k % 7 = 3 THEN 'WARN' ELSE 'INFO' END,
              CASE WHEN k = n AND i.outcome IN ('Error', 'Crash') THEN 'Invoke Error {"errorType":"' || coalesce(i."errorType", 'Error') || '","errorMessage":"' || coalesce(i."errorMessage", '') || '"}'
                   WHEN k = 1 AND i.ord % $4 = 0 THEN 'payment provider answered ${RARE_WORD} for order ' || i.ord
                   WHEN k % 7 = 3 THEN 'slow downstream call to inventory: ' || (100 + (i.ord * k) % 900) || ' ms'
                   ELSE (ARRAY['processing order ','loaded cart for customer ','charged card ending ','sent receipt to customer ','cache miss for sku '])[1 + k % 5] || ((i.ord * 7919 + k * 104729) % 1000000) END
       FROM (SELECT *, row_number() OVER (ORDER BY "startedAt", "requestId") AS ord FROM invocations WHERE "functionId" = $1 AND outcome <> 'Throttled') i
       CROSS JOIN LATERAL (SELECT $2::int + CASE WHEN i.ord <= $3 THEN 1 ELSE 0 END AS n) c
       CROSS JOIN LATERAL generate_series(1, c.n) k
       ORDER BY i."startedAt", i."requestId", k`,
        [fn.id, per, extra, step],
      ),
    ),
  );
}

/** Median of a few runs after one warm-up: the steady state the console sees. */
async function time(label: string, f: () => Promise<unknown>, runs = 7): Promise<void> {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const [median, min, max] = [ms[runs >> 1]!, ms[0]!, ms[runs - 1]!]; // ms holds `runs` timings
  log(`  ${label.padEnd(58)} ${median.toFixed(2).padStart(8)} ms  (min ${min.toFixed(2)}, max ${max.toFixed(2)})`);
}

async function explain(pool: pg.Pool, label: string, q: ListInvocationsQuery): Promise<void> {
  const { text, values } = listInvocationsSql(q);
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values);
  log(`  EXPLAIN ${label}:\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
}

async function measure(pool: pg.Pool, functionId: string): Promise<void> {
  const total = Number(
    (await pool.query(`SELECT count(*) AS n FROM invocations WHERE "functionId" = $1`, [functionId])).rows[0].n,
  );
  log(`\ntimings (median of 7 after a warm-up; ${total} invocations for this function):`);
  const first = await listInvocations(pool, { functionId, limit: 50 });
  const deep = (
    await pool.query(
      `SELECT "requestId", attempt, "startedAt" FROM invocations WHERE "functionId" = $1 ORDER BY "startedAt" DESC, "requestId" DESC, attempt DESC OFFSET $2 LIMIT 1`,
      [functionId, Math.floor(total / 2)],
    )
  ).rows[0];
  const deepCursor = deep
    ? encodeCursor({ startedAtMs: deep.startedAt.getTime(), requestId: deep.requestId, attempt: deep.attempt })
    : undefined;
  const dayAgo = Date.now() - 86_400_000;
  await time("listInvocations, first page (50)", () => listInvocations(pool, { functionId, limit: 50 }));
  await time("listInvocations, second page (cursor)", () =>
    listInvocations(pool, { functionId, limit: 50, cursor: first.nextCursor ?? undefined }),
  );
  await time(`listInvocations, page at row ${Math.floor(total / 2)} (cursor)`, () =>
    listInvocations(pool, { functionId, limit: 50, cursor: deepCursor }),
  );
  await time("listInvocations, status=error, first page", () =>
    listInvocations(pool, { functionId, limit: 50, status: "error" }),
  );
  await time("listInvocations, status=throttled (1%), first page", () =>
    listInvocations(pool, { functionId, limit: 50, status: "throttled" }),
  );
  await time("listInvocations, status=timeout, last 24 h", () =>
    listInvocations(pool, { functionId, limit: 50, status: "timeout", from: dayAgo }),
  );
  await time(`searchLogLines, rare word "${RARE_WORD}"`, () =>
    searchLogLines(pool, { functionId, text: RARE_WORD, limit: 100 }),
  );
  await time(`searchInvocationLogs, rare word (lines + invocations)`, () =>
    searchInvocationLogs(pool, { functionId, text: RARE_WORD, limit: 100 }),
  );
  await time(`searchLogLines, common text "charged card", first page`, () =>
    searchLogLines(pool, { functionId, text: "charged card", limit: 100 }),
  );
  await time(`searchLogLines, no match "no-such-text-anywhere"`, () =>
    searchLogLines(pool, { functionId, text: "no-such-text-anywhere", limit: 100 }),
  );
  const busy = first.items.find((i) => i.outcome !== "Throttled");
  if (busy) await time(`getInvocationLog, one invocation`, () => getInvocationLog(pool, busy.requestId));
  await explain(pool, "first page", { functionId, limit: 50 });
  await explain(pool, "page at the middle", { functionId, limit: 50, cursor: deepCursor });
  await explain(pool, "status=throttled", { functionId, limit: 50, status: "throttled" });
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      "DATABASE_URL is required: the database to fill. For a running server's embedded PostgreSQL (data folder .data):\n" +
        "  DATABASE_URL=postgresql://postgres:$(cat .data/pg-password)@127.0.0.1:$(sed -n 4p .data/pg/postmaster.pid)/nimbus node scripts/seed.mjs\n" +
        "(as root the cluster may live in /var/lib/nimbus/pg-<hash> instead of .data/pg; the port is line 4 of its postmaster.pid)\n",
    );
    process.exit(2);
  }
  await applyMigrations(url, path.resolve(process.cwd(), "prisma/migrations"));
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await seedFunctions(pool);
    const fn = (
      await pool.query<{ id: string; name: string }>(`SELECT id, name FROM functions WHERE name = $1`, [
        `seed-fn-${"1".padStart(Math.max(4, String(FUNCTIONS).length), "0")}`,
      ])
    ).rows[0];
    if (!fn) throw new Error("seed-fn-0001 is missing");
    await seedInvocations(pool, fn);
    await seedLogLines(pool, fn);
    await timed("analyzed", () => pool.query(`ANALYZE functions; ANALYZE invocations; ANALYZE log_lines`));
    await measure(pool, fn.id);
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
