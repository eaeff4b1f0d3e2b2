/**
 * Runs one execution in memory, from a snapshot, until it ends or has nothing to do for a while.
 * One pass at a time (`pump`): apply what happened (task results, timers, token answers), run the
 * ready threads as far as they go, checkpoint, then start the tasks queued meanwhile — a task
 * starts only once the journal says it is running, so after a crash a running task is known
 * and never started again by the engine itself: it counts as an interrupted attempt
 * (`Nimbus.TaskInterrupted`), which the state's Retry policy may run again. Nothing waits in a
 * process for long: a timer further than `holdMs` away lets go of the execution (released), and a
 * runner picks it up again when it is due (lib/workflows/engine/runner.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Logger } from "@/lib/log";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { State, StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { HistoryEvent } from "@/lib/workflows/engine/history";
import type { Checkpoint, FinalStatus, Journal } from "@/lib/workflows/engine/journal";
import { contextObject, type ExecutionInfo } from "@/lib/workflows/engine/context";
import { advance, failState, itemInput, type RunContext, succeed } from "@/lib/workflows/engine/states";
import { TaskEvents } from "@/lib/workflows/engine/task-events";
import { runTask, type TaskPort, type TaskResource } from "@/lib/workflows/engine/tasks";
import {
  newThread,
  ROOT,
  scopeOf,
  type Snapshot,
  type StatesFailure,
  type Thread,
} from "@/lib/workflows/engine/threads";
import { detailsMemberOf, jsonText } from "@/lib/workflows/engine/history";
import { stateSpanId } from "@/lib/traces/workflow-spans";

export type ActorExit = "finished" | "released" | "lost";
/** Inline Map runs at most 40 iterations at once, as on Step Functions. */
const MAX_ITERATIONS = 40;
const MAX_EVENTS = 25_000;
const YIELD_EVERY = 200;

export interface ActorDeps {
  tasks: TaskPort;
  journal: Journal;
  log: Logger;
  /** Timers nearer than this keep the execution in memory; further ones release it. */
  holdMs: number;
  /** Tokens are allowed (Standard only). */
  tokens: boolean;
}

interface Queued {
  thread: Thread;
  resource: TaskResource;
  input: unknown;
}

export class ExecutionActor implements RunContext {
  private readonly threads: Record<string, Thread>;
  private events: HistoryEvent[] = [];
  private newTokens: { token: string; threadId: string }[] = [];
  private toStart: Queued[] = [];
  private readonly settled: { parent: Thread; child: Thread }[] = [];
  /** Task outcomes to apply: an attempt's end, or (answer) a token's SendTaskSuccess/Failure. */
  private readonly results: {
    threadId: string;
    attemptId: string;
    result?: unknown;
    failure?: StatesFailure;
    answer?: boolean;
  }[] = [];
  /** Tokens whose task has moved on: marked done at the next checkpoint. */
  private doneTokens: string[] = [];
  private readonly taskEvents: TaskEvents;
  private running = 0;
  private pumping = false;
  private again = false;
  private checkTokens = true;
  private timer: NodeJS.Timeout | null = null;
  private final: Checkpoint["final"];
  private exit: ((e: ActorExit) => void) | null = null;
  readonly done: Promise<ActorExit>;

  constructor(
    private readonly info: ExecutionInfo,
    private readonly def: StateMachineDefinition,
    snapshot: Snapshot,
    private nextEventId: number,
    private readonly deps: ActorDeps,
  ) {
    this.threads = snapshot.threads;
    this.taskEvents = new TaskEvents(this, info.region);
    this.done = new Promise((resolve) => {
      this.exit = resolve;
    });
  }

  /** Begins (or continues after a crash: a task that was running is an interrupted attempt). */
  start(): void {
    for (const t of Object.values(this.threads))
      if (t.phase === "task" && t.attemptId)
        this.results.push({
          threadId: t.id,
          attemptId: t.attemptId,
          failure: { Error: "Nimbus.TaskInterrupted", Cause: "The server running this task stopped before it ended" },
        });
    void this.pump();
  }

  /** Whether a task attempt runs or a pass is under way (a server stopping waits for these before it lets go). */
  get busy(): boolean {
    return this.running > 0 || this.pumping;
  }

  /** Stops here (the server is going): the journal keeps the last checkpoint for the next runner. */
  abandon(): void {
    this.stop("lost");
  }

  /** Something outside changed (a token answered, a stop): look again. */
  wake(): void {
    this.checkTokens = true;
    void this.pump();
  }

  // --- RunContext -------------------------------------------------------------------------

  now(): Date {
    return new Date();
  }

  stateOf(thread: Thread): State {
    return scopeOf(this.def, thread.scope).States[thread.state] as State;
  }

  scope(thread: Thread): EvalScope {
    const lang = (this.stateOf(thread) as { QueryLanguage?: "JSONPath" | "JSONata" }).QueryLanguage;
    return {
      context: contextObject(this.info, thread),
      variables: thread.variables,
      queryLanguage: lang ?? scopeOf(this.def, thread.scope).QueryLanguage ?? "JSONPath",
    };
  }

  emit(thread: Thread, type: string, details: Record<string, unknown> | null): void {
    const id = this.nextEventId++;
    this.events.push({
      id,
      previousEventId: thread.lastEventId,
      type,
      timestamp: new Date(),
      member: detailsMemberOf(type),
      details,
    });
    thread.lastEventId = id;
  }

  newToken(): string {
    return randomBytes(48).toString("base64url");
  }

  queueTask(thread: Thread, resource: TaskResource, input: unknown, timeoutSec?: number, heartbeatSec?: number): void {
    thread.phase = "task";
    thread.attemptId = randomUUID();
    thread.taskDeadline = timeoutSec ? new Date(Date.now() + timeoutSec * 1000).toISOString() : undefined;
    thread.heartbeatSeconds = heartbeatSec;
    this.taskEvents.scheduled(thread, resource, input, timeoutSec, heartbeatSec);
    // Journaled with Scheduled, in the checkpoint that comes before the attempt begins.
    this.taskEvents.started(thread, resource);
    if (thread.token) this.newTokens.push({ token: thread.token, threadId: thread.id });
    this.toStart.push({ thread, resource, input });
  }

  fork(thread: Thread, effectiveInput: unknown, inputs: unknown[], kind: "branches" | "items"): void {
    const state = this.stateOf(thread) as { MaxConcurrency?: number };
    const limit =
      kind === "branches" ? inputs.length : Math.min(state.MaxConcurrency || MAX_ITERATIONS, MAX_ITERATIONS);
    thread.phase = "children";
    thread.children = {
      ids: inputs.map(() => null),
      outputs: inputs.map(() => null),
      nextIndex: 0,
      total: inputs.length,
      running: 0,
      items: kind === "items" ? inputs : undefined,
      maxConcurrency: limit,
      effectiveInput,
      failed: 0,
    };
  }

  ended(thread: Thread): void {
    if (thread.parent === null) {
      this.finish(thread);
      return;
    }
    const parent = this.threads[thread.parent];
    delete this.threads[thread.id];
    if (parent?.phase === "children") this.settled.push({ parent, child: thread });
  }

  // --- the loop ---------------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && this.exit);
    } catch (err) {
      this.deps.log.error(`execution ${this.info.arn} stopped: ${(err as Error).stack ?? err}`);
      this.stop("lost");
    } finally {
      this.pumping = false;
    }
  }

  private async pass(): Promise<void> {
    if (!this.exit) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let dirty = this.checkTokens;
    if (this.checkTokens) {
      this.checkTokens = false;
      await this.readTokens();
    }
    dirty = (await this.applyResults()) || dirty;
    dirty = (await this.fireTimers()) || dirty;
    dirty = (await this.runReady()) || dirty;
    if (!this.exit) return;
    const due = this.nextDue();
    const idle = this.running === 0 && this.toStart.length === 0;
    const release = !this.final && idle && (due === null || due.getTime() - Date.now() > this.deps.holdMs);
    if (dirty || this.final || release || this.toStart.length) {
      const ok = await this.deps.journal.checkpoint({
        snapshot: { threads: this.threads },
        events: this.events,
        nextEventId: this.nextEventId,
        tokens: this.newTokens,
        doneTokens: this.doneTokens,
        final: this.final,
        // Ended: nothing is due (the runners' claim skips it). Held: due now, should this server die.
        dueAt: this.final ? null : release ? due : new Date(Math.min(Date.now(), due?.getTime() ?? Date.now())),
        release,
      });
      this.events = [];
      this.newTokens = [];
      this.doneTokens = [];
      if (!ok) return this.stop("lost");
      if (this.final) return this.stop("finished");
      if (release) return this.stop("released");
    }
    for (const q of this.toStart.splice(0)) this.startTask(q);
    if (due) this.timer = setTimeout(() => void this.pump(), Math.max(0, due.getTime() - Date.now()));
  }

  private startTask({ thread, resource, input }: Queued): void {
    const attemptId = thread.attemptId!;
    this.running++;
    const parentSpanId = stateSpanId(this.info.id, thread.enteredEventId ?? 0);
    runTask(this.deps.tasks, { resource, input, requestId: attemptId, traceId: this.info.traceId, parentSpanId })
      .then(
        (result) =>
          this.results.push({
            threadId: thread.id,
            attemptId,
            result: resource.kind === "lambda:invoke" && resource.waitForToken ? { __submitted: result } : result,
          }),
        (err: Error & { error?: string; cause?: string }) =>
          this.results.push({
            threadId: thread.id,
            attemptId,
            failure: { Error: err.error ?? "States.TaskFailed", Cause: err.cause ?? err.message },
          }),
      )
      .finally(() => {
        this.running--;
        void this.pump();
      });
  }

  private async applyResults(): Promise<boolean> {
    const results = this.results.splice(0);
    for (const r of results) {
      const thread = this.threads[r.threadId];
      if (!thread || thread.attemptId !== r.attemptId || (thread.phase !== "task" && thread.phase !== "token"))
        continue;
      const resource = this.taskEvents.resourceOf(thread);
      if (thread.token && (r.answer || r.failure)) this.doneTokens.push(thread.token);
      if (r.failure) {
        this.taskEvents.failed(thread, r.failure);
        await failState(this, thread, r.failure);
      } else if (thread.token && thread.phase === "task" && !r.answer) {
        thread.phase = "token"; // invoked: now the answer comes with the token
        this.taskEvents.submitted(thread, resource, (r.result as { __submitted: unknown }).__submitted);
      } else {
        this.taskEvents.succeeded(thread, r.result);
        await succeed(this, thread, r.result);
      }
    }
    return results.length > 0;
  }

  private async readTokens(): Promise<void> {
    // An answer can come before the invoke that passed the token on has returned ("task").
    const waiting = Object.values(this.threads).filter((t) => t.token && (t.phase === "token" || t.phase === "task"));
    if (!waiting.length) return;
    for (const a of await this.deps.journal.tokens()) {
      const thread = waiting.find((t) => t.token === a.token);
      if (!thread) continue;
      const answer = { threadId: thread.id, attemptId: thread.attemptId!, answer: true };
      if (a.status === "succeeded") this.results.push({ ...answer, result: JSON.parse(a.output ?? "null") });
      else if (a.status === "failed")
        this.results.push({ ...answer, failure: { Error: a.error ?? "", Cause: a.cause ?? "" } });
      else if (a.heartbeatAt && thread.heartbeatSeconds) thread.heartbeatAt = a.heartbeatAt.toISOString();
    }
    await this.applyResults();
  }

  /** Timers that are due: Wait states end, retries run again, task deadlines fail their tasks. */
  private async fireTimers(): Promise<boolean> {
    const now = Date.now();
    let fired = false;
    for (const thread of Object.values(this.threads)) {
      if (thread.phase === "wait" && thread.dueAt && Date.parse(thread.dueAt) <= now) {
        fired = true;
        thread.dueAt = undefined;
        const state = this.stateOf(thread);
        if (state.Type === "Wait") await succeed(this, thread, thread.input);
        else thread.phase = "ready"; // a retry: the state runs again (no second Entered event)
      } else if ((thread.phase === "task" || thread.phase === "token") && this.expired(thread, now)) {
        fired = true;
        const failure = this.timeoutOf(thread, now);
        if (thread.token) this.doneTokens.push(thread.token);
        this.taskEvents.timedOut(thread, failure);
        await failState(this, thread, failure);
      }
    }
    if (this.info.deadlineAt && this.info.deadlineAt.getTime() <= now && !this.final) {
      this.final = { status: "TIMED_OUT", error: "States.Timeout", cause: "The execution ran past its TimeoutSeconds" };
      this.emit(this.threads[ROOT] ?? rootless(), "ExecutionTimedOut", {
        error: this.final.error,
        cause: this.final.cause,
      });
      return true;
    }
    return fired;
  }

  private async runReady(): Promise<boolean> {
    let moved = false;
    for (let steps = 1; ; steps++) {
      if (this.final) return true;
      if (this.nextEventId > MAX_EVENTS) {
        this.fail({ Error: "States.Runtime", Cause: `The execution reached ${MAX_EVENTS} history events` });
        return true;
      }
      // A long run of pure states (a loop of Pass and Choice) must not hold the server's event loop.
      if (steps % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
      const settled = this.settled.shift();
      if (settled) {
        moved = true;
        await this.childSettled(settled.parent, settled.child);
        continue;
      }
      const parent = Object.values(this.threads).find(
        (t) =>
          t.phase === "children" &&
          t.children!.nextIndex < t.children!.total &&
          t.children!.running < t.children!.maxConcurrency,
      );
      if (parent) {
        moved = true;
        await this.startChild(parent);
        continue;
      }
      const ready = Object.values(this.threads).find((t) => t.phase === "ready");
      if (!ready) return moved;
      moved = true;
      await advance(this, ready);
    }
  }

  private async startChild(parent: Thread): Promise<void> {
    const c = parent.children!;
    const index = c.nextIndex++;
    c.running++;
    const state = this.stateOf(parent) as { Type: string; Branches?: { StartAt: string }[] };
    const branch = state.Type === "Parallel";
    const scope = branch ? [...parent.scope, parent.state, index] : [...parent.scope, parent.state];
    const input = branch ? c.effectiveInput : await itemInput(this, parent, c.items![index], index);
    const id = `${parent.id}.${index}`;
    const child = newThread(
      id,
      parent.id,
      scope,
      index,
      scopeOf(this.def, scope).StartAt,
      input,
      { ...parent.variables },
      this.now(),
      parent.lastEventId,
    );
    if (!branch) {
      child.item = { Index: index, Value: c.items![index] };
      this.emit(child, "MapIterationStarted", { name: parent.state, index });
    }
    c.ids[index] = id;
    this.threads[id] = child;
  }

  private async childSettled(parent: Thread, child: Thread): Promise<void> {
    const c = parent.children!;
    const map = this.stateOf(parent).Type === "Map";
    c.running--;
    c.ids[child.index] = null;
    if (child.phase === "failed") {
      if (map) this.emit(child, "MapIterationFailed", { name: parent.state, index: child.index });
      this.dropChildren(parent);
      this.emit(parent, map ? "MapStateFailed" : "ParallelStateFailed", null);
      return failState(this, parent, child.error!);
    }
    c.outputs[child.index] = child.output ?? null;
    if (map) this.emit(child, "MapIterationSucceeded", { name: parent.state, index: child.index });
    if (c.running > 0 || c.nextIndex < c.total) return;
    this.emit(parent, map ? "MapStateSucceeded" : "ParallelStateSucceeded", null);
    await succeed(this, parent, c.outputs);
  }

  /** A failed branch ends its siblings: their running tasks' results will find no thread. */
  private dropChildren(parent: Thread): void {
    for (const t of Object.values(this.threads)) {
      let p = t.parent;
      while (p && p !== parent.id) p = this.threads[p]?.parent ?? null;
      if (p === parent.id) delete this.threads[t.id];
    }
  }

  private finish(root: Thread): void {
    if (root.phase === "done") {
      const output = jsonText(root.output);
      this.final = { status: "SUCCEEDED", output };
      this.emit(root, "ExecutionSucceeded", { output });
    } else this.fail(root.error!);
  }

  private fail(failure: StatesFailure): void {
    this.final = { status: "FAILED" as FinalStatus, error: failure.Error, cause: failure.Cause };
    this.emit(this.threads[ROOT] ?? rootless(), "ExecutionFailed", { error: failure.Error, cause: failure.Cause });
  }

  private expired(thread: Thread, now: number): boolean {
    if (thread.taskDeadline && Date.parse(thread.taskDeadline) <= now) return true;
    return thread.phase === "token" && this.heartbeatDeadline(thread) <= now;
  }

  private heartbeatDeadline(thread: Thread): number {
    if (!thread.heartbeatSeconds) return Number.POSITIVE_INFINITY;
    return Date.parse(thread.heartbeatAt ?? thread.enteredAt) + thread.heartbeatSeconds * 1000;
  }

  private timeoutOf(thread: Thread, now: number): StatesFailure {
    if (thread.taskDeadline && Date.parse(thread.taskDeadline) <= now)
      return { Error: "States.Timeout", Cause: "The task ran past its TimeoutSeconds" };
    return { Error: "States.HeartbeatTimeout", Cause: "No heartbeat came within HeartbeatSeconds" };
  }

  /** The earliest timer: a Wait, a retry, a task's deadline, the execution's deadline. */
  private nextDue(): Date | null {
    let due = this.info.deadlineAt?.getTime() ?? Number.POSITIVE_INFINITY;
    for (const t of Object.values(this.threads)) {
      if (t.phase === "wait" && t.dueAt) due = Math.min(due, Date.parse(t.dueAt));
      if ((t.phase === "task" || t.phase === "token") && t.taskDeadline)
        due = Math.min(due, Date.parse(t.taskDeadline));
      if (t.phase === "token") due = Math.min(due, this.heartbeatDeadline(t));
    }
    return Number.isFinite(due) ? new Date(due) : null;
  }

  private stop(how: ActorExit): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const exit = this.exit;
    this.exit = null;
    exit?.(how);
  }
}

function rootless(): Thread {
  return newThread(ROOT, null, [], 0, "", null, {}, new Date(), 0);
}
