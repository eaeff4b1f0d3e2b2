/**
 * Reads a server CPU profile (node --cpu-prof) and says where its CPU went, stage by stage: each
 * sample goes to the innermost frame on its stack that belongs to a stage, known by the source
 * module esbuild's bundle marks (`// lib/…` lines) and, where a module serves two stages, the function.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Module (bundle marker) → stage; the function decides in the modules listed in BY_FUNCTION. */
const BY_MODULE: [RegExp, string][] = [
  [/^lib\/aws\/sigv4\/|@smithy\/signature-v4|@smithy\/util|@aws-crypto/, "SigV4 (claims, body hash, signature)"],
  [/^lib\/aws\/http\.ts/, "body read"],
  [/^lib\/aws\/(router|lambda\/)/, "routing"],
  [/^lib\/(invoke\/resolver|function-ref)\.ts/, "resolve"],
  [/^lib\/invoke\/admission\.ts/, "admission"],
  [/^lib\/invoke\/invoker\.ts/, "invoker (its own code)"],
  [/^lib\/executor\/(outcomes|log-budget|network\/)/, "result: read frame, build result"],
  [
    /^lib\/executor\/(supervisor|assign|placement|queueing|pools|sandbox|deadlines)\.ts/,
    "dispatch: place, encode, lane write",
  ],
  [/^lib\/logs\/writer\.ts/, "record (buffered)"],
  [/^lib\/aws\/invoke\.ts/, "response write"],
  [/^server\//, "server front"],
];
const BY_FUNCTION: Record<string, [RegExp, string][]> = {
  "lib/executor/protocol.ts": [
    [/^encodeFrame$/, "dispatch: place, encode, lane write"],
    [/.*/, "result: read frame, build result"],
  ],
  "lib/executor/calls.ts": [
    [/^start$/, "dispatch: place, encode, lane write"],
    [/.*/, "result: read frame, build result"],
  ],
  "lib/executor/hub.ts": [[/.*/, "result: read frame, build result"]],
};

function nodeCategory(n: ProfileNode): string {
  const { functionName: f, url: u } = n.callFrame;
  if (f === "(idle)") return "idle";
  if (f === "(garbage collector)") return "GC";
  if (f === "(program)") return "V8 / native (program)";
  if (/node:_http|node:http/.test(u)) return "node:http (parse, headers, response)";
  if (/node:net|node:stream|node:internal\/streams|node:internal\/stream_base/.test(u)) return "sockets and streams";
  if (/\/pg|pg-protocol|pg-pool/.test(u)) return "PostgreSQL client";
  if (/timers/.test(u)) return "timers";
  if (f === "(root)" || f === "runMicrotasks" || u === "") return "V8 / native (program)";
  return "other Node internals";
}

export interface StageCpu {
  /** µs of server CPU per invocation, by stage. */
  perInvocationUs: Record<string, number>;
  busyUs: number;
  /** The frames with the most self time: where to look next. */
  hottest: { frame: string; stage: string; us: number }[];
}

/** CPU per invocation by stage, over samples between fromUs and toUs (CLOCK_MONOTONIC µs, as process.hrtime). */
export function stageCpu(dir: string, bundle: string, invocations: number, fromUs: number, toUs: number): StageCpu {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const p = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  const modules = moduleRanges(readFileSync(bundle, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = stageOf.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    let s: string | null = null;
    for (let cur: ProfileNode | undefined = n; cur && !s; cur = cur.parent ? byId.get(cur.parent) : undefined)
      s = stageOfFrame(cur, modules);
    const out = s ?? nodeCategory(n);
    stageOf.set(id, out);
    return out;
  };
  const sums = new Map<string, number>();
  const frames = new Map<string, { stage: string; us: number }>();
  let t = p.startTime;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs || t > toUs) continue;
    const s = classify(p.samples[i]!);
    if (s === "idle") continue;
    sums.set(s, (sums.get(s) ?? 0) + dt);
    busy += dt;
    const f = frameName(byId.get(p.samples[i]!)!, modules);
    const seen = frames.get(f) ?? { stage: s, us: 0 };
    seen.us += dt;
    frames.set(f, seen);
  }
  const perInvocationUs: Record<string, number> = {};
  for (const [s, us] of [...sums].sort((a, b) => b[1] - a[1])) perInvocationUs[s] = round(us / invocations);
  const hottest = [...frames]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, 25)
    .map(([frame, v]) => ({ frame, stage: v.stage, us: round(v.us / invocations) }));
  return { perInvocationUs, busyUs: round(busy / invocations), hottest };
}

function stageOfFrame(n: ProfileNode, modules: { line: number; module: string }[]): string | null {
  const { url, functionName, lineNumber } = n.callFrame;
  if (url.includes("node_modules")) {
    const hit = BY_MODULE.find(([re]) => re.test(url));
    return hit ? hit[1] : null;
  }
  if (!url.endsWith("server.mjs")) return null;
  const mod = moduleAt(modules, lineNumber);
  const fnRules = BY_FUNCTION[mod];
  if (fnRules) return fnRules.find(([re]) => re.test(functionName))![1];
  return BY_MODULE.find(([re]) => re.test(mod))?.[1] ?? null;
}

function frameName(n: ProfileNode, modules: { line: number; module: string }[]): string {
  const { url, functionName, lineNumber } = n.callFrame;
  const where = url.endsWith("server.mjs") ? moduleAt(modules, lineNumber) : url.replace(/^.*node_modules\//, "");
  return `${functionName || "(anonymous)"} ${where}`;
}

/** esbuild starts each module's code with a `// path` line. */
function moduleRanges(source: string): { line: number; module: string }[] {
  const out: { line: number; module: string }[] = [];
  source.split("\n").forEach((l, i) => {
    if (/^\/\/ (lib|server|app)\/\S+\.tsx?$/.test(l)) out.push({ line: i, module: l.slice(3) });
  });
  return out;
}

function moduleAt(ranges: { line: number; module: string }[], line: number): string {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = "";
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.line <= line) {
      found = ranges[mid]!.module;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const round = (n: number) => Math.round(n * 10) / 10;
