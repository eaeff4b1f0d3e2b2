/**
 * What each state type does to a thread (lib/workflows/engine/threads.ts). The actor calls
 * `advance` for a ready thread; it runs pure states (Pass, Choice, Succeed, Fail) to their end,
 * and for the others leaves the thread waiting — for a task (the actor starts it after the next
 * checkpoint), a timer, a token, or its child threads. Data flow is lib/workflows/asl's.
 */
import { StatesError } from "@/lib/workflows/asl/errors";
import { evaluateChoice } from "@/lib/workflows/asl/choice";
import { evaluateJsonata } from "@/lib/workflows/asl/jsonata";
import { selectPath } from "@/lib/workflows/asl/paths";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import {
  catchOutput,
  finishState,
  mapItemInput,
  mapItems,
  prepareInput,
  resolveSeconds,
} from "@/lib/workflows/asl/state-io";
import { findCatcher, nextRetry } from "@/lib/workflows/asl/retry";
import type { State } from "@/lib/workflows/asl/types";
import { waitUntil } from "@/lib/workflows/asl/wait";
import { jsonText, stateEventPrefix } from "@/lib/workflows/engine/history";
import { parseResource, type TaskResource } from "@/lib/workflows/engine/tasks";
import type { StatesFailure, Thread } from "@/lib/workflows/engine/threads";

/** What the actor offers the state handlers. */
export interface RunContext {
  now(): Date;
  stateOf(thread: Thread): State;
  scope(thread: Thread): EvalScope;
  emit(thread: Thread, type: string, details: Record<string, unknown> | null): void;
  /** A task attempt to start once the thread's phase is journaled. */
  queueTask(thread: Thread, resource: TaskResource, input: unknown, timeoutSec?: number, heartbeatSec?: number): void;
  /** Starts the child threads of a Parallel or Map thread. */
  fork(thread: Thread, effectiveInput: unknown, inputs: unknown[], kind: "branches" | "items"): void;
  /** A fresh task token ($$.Task.Token). */
  newToken(): string;
  /** The thread finished its last state (output set) or failed (error set). */
  ended(thread: Thread): void;
}

/** Runs a ready thread's state as far as it goes without waiting. */
export async function advance(run: RunContext, thread: Thread): Promise<void> {
  const state = run.stateOf(thread);
  if (!thread.entered) {
    thread.entered = true;
    thread.enteredAt = run.now().toISOString();
    run.emit(thread, `${stateEventPrefix(state.Type)}StateEntered`, {
      name: thread.state,
      input: jsonText(thread.input),
    });
    thread.enteredEventId = thread.lastEventId;
  }
  try {
    await runState(run, thread, state);
  } catch (err) {
    if (!(err instanceof StatesError)) throw err;
    await failState(run, thread, { Error: err.error, Cause: err.cause });
  }
}

async function runState(run: RunContext, thread: Thread, state: State): Promise<void> {
  const scope = run.scope(thread);
  const s = state as State & Record<string, unknown>;
  switch (state.Type) {
    case "Pass": {
      const effective = await prepareInput(state, thread.input, scope);
      return succeed(run, thread, "Result" in s ? s.Result : effective);
    }
    case "Choice": {
      const effective = await prepareInput(state, thread.input, scope);
      const next = await evaluateChoice(state, effective, scope);
      return succeed(run, thread, effective, next);
    }
    case "Succeed":
      return succeed(run, thread, await prepareInput(state, thread.input, scope));
    case "Fail":
      return failWith(run, thread, await failureOf(s, thread.input, scope));
    case "Wait": {
      const effective = await prepareInput(state, thread.input, scope);
      const until = await waitUntil(state, effective, scope, run.now());
      if (until.getTime() <= run.now().getTime()) return succeed(run, thread, effective);
      thread.phase = "wait";
      thread.dueAt = until.toISOString();
      return;
    }
    case "Task": {
      const resource = parseResource(String(s.Resource));
      if ("unsupported" in resource) throw new StatesError("States.Runtime", resource.unsupported);
      // The token exists before the input is built: Parameters pass it on as $$.Task.Token.
      if (resource.kind === "lambda:invoke" && resource.waitForToken) thread.token ??= run.newToken();
      const withToken = thread.token ? run.scope(thread) : scope;
      const effective = await prepareInput(state, thread.input, withToken);
      const timeout = await resolveSeconds(state, "TimeoutSeconds", thread.input, withToken);
      const heartbeat = await resolveSeconds(state, "HeartbeatSeconds", thread.input, withToken);
      run.queueTask(thread, resource, effective, timeout, heartbeat);
      return;
    }
    case "Parallel": {
      const effective = await prepareInput(state, thread.input, scope);
      run.emit(thread, "ParallelStateStarted", null);
      return run.fork(
        thread,
        effective,
        (s.Branches as unknown[]).map(() => effective),
        "branches",
      );
    }
    case "Map": {
      const effective = await prepareInput(state, thread.input, scope);
      const items = await mapItems(state, effective, scope);
      run.emit(thread, "MapStateStarted", { length: items.length });
      if (items.length === 0) return succeed(run, thread, []);
      return run.fork(thread, effective, items, "items");
    }
  }
}

/** A Map iteration's input, from its item. */
export function itemInput(run: RunContext, parent: Thread, item: unknown, index: number): Promise<unknown> {
  const state = run.stateOf(parent);
  return mapItemInput(state, item, index, parent.children!.effectiveInput, run.scope(parent));
}

/** The state produced `result` (a Choice: and chose `next`): output, Exited event, and on to the next state. */
export async function succeed(run: RunContext, thread: Thread, result: unknown, next?: string): Promise<void> {
  const state = run.stateOf(thread) as State & { Next?: string; End?: boolean };
  let done: { output: unknown; variables: Record<string, unknown> };
  try {
    done = await finishState(state, thread.input, result, run.scope(thread));
  } catch (err) {
    if (!(err instanceof StatesError)) throw err;
    return failState(run, thread, { Error: err.error, Cause: err.cause });
  }
  exit(run, thread, done.output, done.variables, next ?? state.Next);
}

function exit(run: RunContext, thread: Thread, output: unknown, variables: Record<string, unknown>, next?: string) {
  const state = run.stateOf(thread);
  run.emit(thread, `${stateEventPrefix(state.Type)}StateExited`, { name: thread.state, output: jsonText(output) });
  thread.variables = variables;
  thread.retries = [];
  thread.retryCount = 0;
  thread.dueAt = undefined;
  thread.taskDeadline = undefined;
  thread.token = undefined;
  thread.children = undefined;
  if (next === undefined || state.Type === "Succeed") {
    thread.phase = "done";
    thread.output = output;
    return run.ended(thread);
  }
  thread.state = next;
  thread.input = output;
  thread.phase = "ready";
  thread.entered = false;
}

/** The state raised `failure`: its Retry policy, then its Catch, else the thread fails. */
export async function failState(run: RunContext, thread: Thread, failure: StatesFailure): Promise<void> {
  const state = run.stateOf(thread) as State & { Retry?: never[]; Catch?: never[] };
  thread.children = undefined;
  thread.taskDeadline = undefined;
  thread.token = undefined;
  // Runtime errors are not retried or caught (Step Functions' rule).
  if (failure.Error !== "States.Runtime" && state.Type !== "Fail") {
    const retry = state.Retry ? nextRetry(state.Retry, failure.Error, thread.retries) : null;
    if (retry) {
      thread.retries[retry.retrierIndex] = (thread.retries[retry.retrierIndex] ?? 0) + 1;
      thread.retryCount += 1;
      thread.phase = "wait";
      thread.dueAt = new Date(run.now().getTime() + retry.delayMs).toISOString();
      return;
    }
    const found = state.Catch ? findCatcher(state.Catch, failure.Error) : null;
    if (found) {
      try {
        const out = await catchOutput(found.catcher, thread.input, failure, run.scope(thread));
        return exit(run, thread, out.output, out.variables, found.catcher.Next);
      } catch (err) {
        if (!(err instanceof StatesError)) throw err;
        failure = { Error: err.error, Cause: err.cause };
      }
    }
  }
  failWith(run, thread, failure);
}

function failWith(run: RunContext, thread: Thread, failure: StatesFailure): void {
  thread.phase = "failed";
  thread.error = failure;
  run.ended(thread);
}

async function failureOf(s: Record<string, unknown>, input: unknown, scope: EvalScope): Promise<StatesFailure> {
  const text = async (field: "Error" | "Cause", fallback: string): Promise<string> => {
    let v: unknown = s[field];
    if (scope.queryLanguage === "JSONata" && typeof v === "string")
      v = await evaluateJsonata(v, { states: { input, context: scope.context }, variables: scope.variables });
    else if (typeof s[`${field}Path`] === "string") v = selectPath(input, s[`${field}Path`] as string, scope);
    return typeof v === "string" ? v : v === undefined ? fallback : JSON.stringify(v);
  };
  return { Error: await text("Error", "States.Fail"), Cause: await text("Cause", "") };
}
