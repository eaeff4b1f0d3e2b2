/**
 * Wall-clock stage times of the Invoke path, for `npm run bench:stages` (docs/benchmarks.md).
 * Off unless NIMBUS_STAGE_TIMES=1: then each stamp is one monotonic clock read into the
 * request's own array (AsyncLocalStorage), the sandbox stamps its side with the same clock
 * (CLOCK_MONOTONIC is one clock for every process on the machine), and SIGUSR2 prints the mean
 * of each stage so far as one JSON line on stdout and starts over. Off, a stamp is one branch.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** In the order a call passes them; each stage is the time from the previous stamp. */
export const STAGES = [
  "start", // the router has the request (node:http parsed it)
  "claims", // SigV4: key and scope checked
  "body", // body read
  "signature", // SigV4: signature verified
  "resolved", // route matched, invoke parsed, function resolved
  "admitted", // concurrency slot taken
  "sent", // placed on an instance, frame encoded and written to its lane
  "sandboxRead", // the instance has read the frame (wake-up, socket, frame parse)
  "handlerStart", // event parsed, context made
  "handlerEnd", // the handler settled and its result is stringified
  "sandboxReply", // logs, connections and memory taken: the reply is about to be encoded and written
  "returned", // the server has the result (wake-up, frame read, promise resolution)
  "recorded", // record and log lines handed to the writer
  "responded", // res.end returned
] as const;
export type Stage = (typeof STAGES)[number];
const INDEX = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;
const SANDBOX_FIRST = INDEX.sandboxRead;

export const stageTimesOn = process.env.NIMBUS_STAGE_TIMES === "1";
const als = stageTimesOn ? new AsyncLocalStorage<number[]>() : null;
const now = () => Number(process.hrtime.bigint());

let sums = new Array<number>(STAGES.length).fill(0);
let totals: number[] = [];

/** Starts the current request's stamps (the rest of its async work carries them). */
export function beginStages(): void {
  if (als) als.enterWith([now()]);
}

export function stamp(stage: Stage): void {
  if (!als) return;
  const s = als.getStore();
  if (!s) return;
  s[INDEX[stage]] = now();
  if (stage === "responded") finish(s);
}

/** The sandbox's four stamps, as the instance sent them back. */
export function stampSandbox(times: unknown): void {
  if (!als || !Array.isArray(times) || times.length !== 4) return;
  const s = als.getStore();
  if (s) for (let i = 0; i < 4; i++) s[SANDBOX_FIRST + i] = Number(times[i]);
}

function finish(s: number[]): void {
  for (let i = 0; i < STAGES.length; i++) if (typeof s[i] !== "number") return; // not a full warm invoke
  for (let i = 1; i < STAGES.length; i++) sums[i]! += s[i]! - s[i - 1]!;
  totals.push(s[STAGES.length - 1]! - s[0]!);
}

/** Means in µs per stage and the total's p50, then starts over. */
export function takeStageTimes(): { invocations: number; stagesUs: Record<string, number>; totalP50Us: number } {
  const n = totals.length;
  const stagesUs: Record<string, number> = {};
  for (let i = 1; i < STAGES.length; i++) stagesUs[STAGES[i]!] = n ? Math.round(sums[i]! / n / 100) / 10 : 0;
  const sorted = totals.sort((a, b) => a - b);
  const totalP50Us = n ? Math.round(sorted[Math.floor(n / 2)]! / 100) / 10 : 0;
  sums = new Array<number>(STAGES.length).fill(0);
  totals = [];
  return { invocations: n, stagesUs, totalP50Us };
}

if (stageTimesOn)
  process.on("SIGUSR2", () => process.stdout.write(`${JSON.stringify({ stageTimes: takeStageTimes() })}\n`));
