/**
 * `npm run bench:workflows`: Step Functions–compatible state machines on a server this script
 * starts (embedded PostgreSQL), driven by the unmodified @aws-sdk/client-sfn and client-lambda:
 *  1. Pass → Pass: a Standard chain of PASS_N Pass states, K executions one after another; per
 *     transition from DescribeExecution ((stopDate − startDate) / N) and from the history
 *     (consecutive PassStateEntered events, millisecond timestamps);
 *  2. Task → Task: a Standard chain of TASK_N Tasks calling a noop function by ARN, warmed by one
 *     execution, then K; per Task state from the history (TaskStateExited → next TaskStateExited),
 *     against the same function's warm Invoke through the Lambda SDK in this run;
 *  3. StartExecution/s of a 1-state Pass machine at c=1/8/32 (BENCH_SECONDS each), and executions
 *     completed/s: COMPLETE_N started at c=32, until a SQL count of SUCCEEDED rows reaches them all;
 *  4. Express: StartSyncExecution round trip of a 3-state Pass machine and of a 1-Task machine.
 * Writes bench/workflows-results.json (docs/benchmarks.md, "Workflows").
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";
import { percentile } from "@/bench/client";
import { cpuSplit } from "@/bench/proc";
import { createBenchFunction, root, startNimbus, stopNimbus } from "@/bench/nimbus";
import { BENCH_CREDENTIALS } from "@/bench/sign";

const K = Number(process.env.BENCH_EXECUTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PASS_N = 50;
const TASK_N = 20;
const COMPLETE_N = 500;
const SYNC_N = 300;
const INVOKE_N = 300;
const NOOP = "export const handler = async (e) => e;";
const ACCOUNT = "000000000000";
const log = (m: string) => process.stderr.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const machineArn = (name: string) => `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const [p50, p90, p99] = [50, 90, 99].map((p) => round(percentile(s, p)));
  return { n: s.length, p50: p50!, p90: p90!, p99: p99!, mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

/** A chain of n copies of `state`, named S0…S(n−1). */
function chain(n: number, state: Record<string, unknown>) {
  const States: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) States[`S${i}`] = { ...state, ...(i < n - 1 ? { Next: `S${i + 1}` } : { End: true }) };
  return JSON.stringify({ StartAt: "S0", States });
}

async function createMachine(
  sfn: SFNClient,
  name: string,
  definition: string,
  type: "STANDARD" | "EXPRESS" = "STANDARD",
) {
  await sfn.send(new CreateStateMachineCommand({ name, definition, type, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` }));
  return machineArn(name);
}

/** Starts one Standard execution and waits for its end; its description and history. */
async function runOne(sfn: SFNClient, stateMachineArn: string) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"v":1}' }));
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") {
      if (d.status !== "SUCCEEDED") throw new Error(`${executionArn}: ${d.status} ${d.error} ${d.cause}`);
      // Under 1,000 events for these machines: one page.
      const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      return { d, events: h.events ?? [] };
    }
    await sleep(20);
  }
}

const ms = (e: HistoryEvent) => e.timestamp!.getTime();
const gaps = (events: HistoryEvent[], type: string) => {
  const ts = events.filter((e) => e.type === type).map(ms);
  return ts.slice(1).map((t, i) => t - ts[i]!);
};

async function passChain(sfn: SFNClient) {
  const arn = await createMachine(sfn, "bench-pass-chain", chain(PASS_N, { Type: "Pass" }));
  const perTransition: number[] = [];
  const fromHistory: number[] = [];
  const startToFirst: number[] = [];
  for (let i = 0; i < K; i++) {
    const { d, events } = await runOne(sfn, arn);
    perTransition.push((d.stopDate!.getTime() - d.startDate!.getTime()) / PASS_N);
    fromHistory.push(...gaps(events, "PassStateEntered"));
    startToFirst.push(ms(events.find((e) => e.type === "PassStateEntered")!) - ms(events[0]!));
  }
  return {
    describePerTransitionMs: stats(perTransition),
    historyPerTransitionMs: stats(fromHistory),
    startedToFirstStateMs: stats(startToFirst),
  };
}

async function taskChain(sfn: SFNClient, lambda: LambdaClient, fnArn: string) {
  const arn = await createMachine(sfn, "bench-task-chain", chain(TASK_N, { Type: "Task", Resource: fnArn }));
  await runOne(sfn, arn); // warm
  const perTask: number[] = [];
  const perTransition: number[] = [];
  for (let i = 0; i < K; i++) {
    const { d, events } = await runOne(sfn, arn);
    perTask.push(...gaps(events, "TaskStateExited"));
    perTransition.push((d.stopDate!.getTime() - d.startDate!.getTime()) / TASK_N);
  }
  const invoke: number[] = [];
  for (let i = 0; i < INVOKE_N + 20; i++) {
    const t0 = performance.now();
    await lambda.send(new InvokeCommand({ FunctionName: fnArn, Payload: Buffer.from('{"v":1}') }));
    if (i >= 20) invoke.push(performance.now() - t0);
  }
  const task = stats(perTask);
  const inv = stats(invoke);
  return {
    historyPerTaskMs: task,
    describePerTaskMs: stats(perTransition),
    warmInvokeThroughSdkMs: inv,
    /** The Task state's time less the function's own warm invoke (the SDK's client side included). */
    engineOverheadPerTaskMs: { p50: round(task.p50 - inv.p50), mean: round(task.mean - inv.mean) },
  };
}

async function dbCount(db: pg.Client, machine: string, status: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM workflow_executions e JOIN state_machines m ON m.id = e."stateMachineId"
     WHERE m.name = $1 AND e.status = $2`,
    [machine, status],
  );
  return Number(rows[0]!.n);
}

/** `c` callers starting executions for `seconds` (or until `total` are started). */
async function starts(sfn: SFNClient, stateMachineArn: string, c: number, seconds: number, total = Infinity) {
  let issued = 0;
  let started = 0;
  let errors = 0;
  const lat: number[] = [];
  const until = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (Date.now() < until && issued < total) {
        issued++;
        const s = performance.now();
        try {
          await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
          started++;
          lat.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { started, errors, perSec: Math.round(started / elapsed), latencyMs: stats(lat), elapsedS: round(elapsed) };
}

async function throughput(sfn: SFNClient, db: pg.Client, pid: number | null) {
  const pass1 = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
  const arn = await createMachine(sfn, "bench-start", pass1);
  type Level = Awaited<ReturnType<typeof starts>> & Record<string, number>;
  const startRate: Record<string, Level> = {};
  for (const c of [1, 8, 32]) {
    log(`[bench] StartExecution c=${c}, ${SECONDS}s…`);
    const c0 = cpuSplit(pid);
    const level = (await starts(sfn, arn, c, SECONDS)) as Level;
    startRate[`c${c}`] = level;
    const drainFrom = performance.now();
    while ((await dbCount(db, "bench-start", "RUNNING")) > 0) await sleep(50);
    const c1 = cpuSplit(pid);
    level.drainAfterMs = Math.round(performance.now() - drainFrom);
    // Started and run to the end (the load generator's own CPU is not counted).
    level.serverCpuMsPerExecution = round((c1.server - c0.server) / level.started, 3);
    level.postgresCpuMsPerExecution = round((c1.postgres - c0.postgres) / level.started, 3);
  }
  log(`[bench] ${COMPLETE_N} executions at c=32 until all SUCCEEDED…`);
  const doneArn = await createMachine(sfn, "bench-complete", pass1);
  const t0 = performance.now();
  let allDone = 0;
  const poll = (async () => {
    while ((await dbCount(db, "bench-complete", "SUCCEEDED")) < COMPLETE_N) await sleep(20);
    allDone = performance.now() - t0;
  })();
  const s = await starts(sfn, doneArn, 32, 600, COMPLETE_N);
  const allStarted = performance.now() - t0;
  await poll;
  const listed = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn: doneArn, statusFilter: "SUCCEEDED", maxResults: 1000 }),
  );
  return {
    startRate,
    completed: {
      executions: COMPLETE_N,
      startErrors: s.errors,
      allStartedMs: Math.round(allStarted),
      allSucceededMs: Math.round(allDone),
      completedPerSec: Math.round(COMPLETE_N / (allDone / 1000)),
      countedBy: "SQL count(*) of SUCCEEDED rows every 20 ms",
      listExecutionsSucceeded: listed.executions?.length ?? 0,
    },
  };
}

async function express(sfn: SFNClient, fnArn: string) {
  const out: Record<string, Stats> = {};
  const machines = { pass3: chain(3, { Type: "Pass" }), task1: chain(1, { Type: "Task", Resource: fnArn }) };
  for (const [key, def] of Object.entries(machines)) {
    const arn = await createMachine(sfn, `bench-express-${key}`, def, "EXPRESS");
    const lat: number[] = [];
    for (let i = 0; i < SYNC_N + 20; i++) {
      const t0 = performance.now();
      const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"v":1}' }));
      if (r.status !== "SUCCEEDED") throw new Error(`${key}: ${r.status} ${r.error} ${r.cause}`);
      if (i >= 20) lat.push(performance.now() - t0);
    }
    out[key] = stats(lat);
  }
  return out;
}

type Stats = ReturnType<typeof stats>;
const pp = (s: Stats, ...keys: ("p90" | "p99" | "mean")[]) =>
  [s.p50, ...(keys.length ? keys : ["p90" as const]).map((k) => s[k])].join(" / ");

function table(
  pass: Awaited<ReturnType<typeof passChain>>,
  task: Awaited<ReturnType<typeof taskChain>>,
  tp: Awaited<ReturnType<typeof throughput>>,
  ex: Record<string, Stats>,
) {
  const rows: [string, string][] = [
    [`Pass→Pass, Describe (stop − start) / ${PASS_N}, p50 / p90 (ms)`, pp(pass.describePerTransitionMs)],
    ["Pass→Pass, history PassStateEntered gaps, p50 / p90 / mean (ms)", pp(pass.historyPerTransitionMs, "p90", "mean")],
    ["ExecutionStarted → first PassStateEntered, p50 / p90 (ms)", pp(pass.startedToFirstStateMs)],
    ["Task→Task, history TaskStateExited gaps, p50 / p90 / mean (ms)", pp(task.historyPerTaskMs, "p90", "mean")],
    ["warm Invoke, same function, Lambda SDK, p50 / p90 / mean (ms)", pp(task.warmInvokeThroughSdkMs, "p90", "mean")],
    ["engine overhead per Task state, p50 / mean (ms)", Object.values(task.engineOverheadPerTaskMs).join(" / ")],
    ["StartExecution/s, c=1 / 8 / 32", ["c1", "c8", "c32"].map((c) => tp.startRate[c]!.perSec).join(" / ")],
    [
      `completed/s (${COMPLETE_N} started at c=32; ms to all SUCCEEDED)`,
      `${tp.completed.completedPerSec} (${tp.completed.allSucceededMs} ms)`,
    ],
    ["StartSyncExecution, 3 Pass states, p50 / p99 (ms)", pp(ex.pass3!, "p99")],
    ["StartSyncExecution, 1 Task (noop), p50 / p99 (ms)", pp(ex.task1!, "p99")],
  ];
  const w = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `| ${a.padEnd(w)} | ${b} |`).join("\n");
}

async function main() {
  const nimbus = await startNimbus([], {}, ["--no-console"]);
  const dataDir = nimbus.dataDir!;
  const endpoint = `http://${nimbus.target.host}:${nimbus.target.port}`;
  const pgPid = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const db = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPid[3]}/nimbus`,
  });
  await db.connect();
  const common = { endpoint, region: "us-east-1", credentials: BENCH_CREDENTIALS, maxAttempts: 1 };
  const sfn = new SFNClient({ ...common, disableHostPrefix: true });
  const lambda = new LambdaClient(common);
  try {
    await createBenchFunction(lambda, "bench-noop", NOOP);
    const fnArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:bench-noop`;
    const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    // The VM is shared: its 1-minute load average before and after says how quiet the run was.
    const loadBefore = round(os.loadavg()[0]!);
    log(`[bench] ${PASS_N} Pass states, ${K} executions…`);
    const passes = await passChain(sfn);
    log(`[bench] ${TASK_N} Task states, ${K} executions, then ${INVOKE_N} Invokes…`);
    const tasks = await taskChain(sfn, lambda, fnArn);
    const tp = await throughput(sfn, db, nimbus.pid);
    log(`[bench] StartSyncExecution, ${SYNC_N} each…`);
    const ex = await express(sfn, fnArn);
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      loadAverage1m: { before: loadBefore, after: round(os.loadavg()[0]!) },
      settings: { executions: K, seconds: SECONDS, passStates: PASS_N, taskStates: TASK_N, syncCalls: SYNC_N },
      passChain: passes,
      taskChain: tasks,
      throughput: tp,
      express: ex,
    };
    writeFileSync(path.join(root, "bench", "workflows-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log(table(passes, tasks, tp, ex));
  } finally {
    sfn.destroy();
    lambda.destroy();
    await db.end();
    await stopNimbus(nimbus);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
