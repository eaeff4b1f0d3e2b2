/**
 * Runs one execution in memory, from a snapshot, until it ends or has nothing to do for a while.
 * One pass at a time (`pump`): apply what happened (task results, timers, token answers), run the
 * ready threads as far as they go, checkpoint, then start the tasks queued meanwhile
 * (task-attempts.ts; Parallel and Map children: children.ts; timers: timers.ts) — a task
 * starts only once the journal says it is running, so after a crash a running task is known
 * and never started again by the engine itself: it counts as an interrupted attempt
 * (`Nimbus.TaskInterrupted`), which the state's Retry policy may run again. Nothing waits in a
 * process for long: a timer further than `holdMs` away lets go of the execution (released), and a
 * runner picks it up again when it is due (lib/workflows/engine/runner.ts).
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "@/lib/log";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import type { State, StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { HistoryEvent } from "@/lib/workflows/engine/history";
import type { Checkpoint, FinalStatus, Journal } from "@/lib/workflows/engine/journal";
import { contextObject, type ExecutionInfo } from "@/lib/workflows/engine/context";
import { advance, failState, itemInput, type RunContext, succeed } from "@/lib/workflows/engine/states";
import { TaskAttempts } from "@/lib/workflows/engine/task-attempts";
import { nextDue, taskExpired, timeoutOf } from "@/lib/workflows/engine/timers";
import { childSet, childThread, descendantsOf } from "@/lib/workflows/engine/children";
import type { TaskPort, TaskResource } from "@/lib/workflows/engine/tasks";
import {
  newThread,
  ROOT,
  scopeOf,
  type Snapshot,
  type StatesFailure,
  type Thread,
} from "@/lib/workflows/engine/threads";
import { detailsMemberOf, jsonText } from "@/lib/workflows/engine/history";

export type ActorExit = "finished" | "released" | "lost";
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

export class ExecutionActor implements RunContext {
  private readonly threads: Record<string, Thread>;
  private events: HistoryEvent[] = [];
  private readonly settled: { parent: Thread; child: Thread }[] = [];
  private readonly attempts: TaskAttempts;
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
    this.attempts = new TaskAttempts(this, this.threads, {
      tasks: deps.tasks,
      journal: deps.journal,
      info,
      wake: () => void this.pump(),
    });
    this.done = new Promise((resolve) => {
      this.exit = resolve;
    });
  }

  /** Begins (or continues after a crash: a task that was running is an interrupted attempt). */
  start(): void {
    this.attempts.interruptRunning();
    void this.pump();
  }

  /** Whether a task attempt runs or a pass is under way (a server stopping waits for these before it lets go). */
  get busy(): boolean {
    return this.attempts.busy || this.pumping;
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
    this.attempts.queue(thread, resource, input, timeoutSec, heartbeatSec);
  }

  fork(thread: Thread, effectiveInput: unknown, inputs: unknown[], kind: "branches" | "items"): void {
    const state = this.stateOf(thread) as { MaxConcurrency?: number };
    thread.phase = "children";
    thread.children = childSet(kind, effectiveInput, inputs, state.MaxConcurrency);
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
      await this.attempts.readTokens();
    }
    dirty = (await this.attempts.apply()) || dirty;
    dirty = (await this.fireTimers()) || dirty;
    dirty = (await this.runReady()) || dirty;
    if (!this.exit) return;
    const due = nextDue(Object.values(this.threads), this.info.deadlineAt);
    const idle = !this.attempts.busy && !this.attempts.queued;
    const release = !this.final && idle && (due === null || due.getTime() - Date.now() > this.deps.holdMs);
    if (dirty || this.final || release || this.attempts.queued) {
      const ok = await this.deps.journal.checkpoint({
        snapshot: { threads: this.threads },
        events: this.events,
        nextEventId: this.nextEventId,
        ...this.attempts.takeTokens(),
        final: this.final,
        // Ended: nothing is due (the runners' claim skips it). Held: due now, should this server die.
        dueAt: this.final ? null : release ? due : new Date(Math.min(Date.now(), due?.getTime() ?? Date.now())),
        release,
      });
      this.events = [];
      if (!ok) return this.stop("lost");
      if (this.final) return this.stop("finished");
      if (release) return this.stop("released");
    }
    this.attempts.startQueued();
    if (due) this.timer = setTimeout(() => void this.pump(), Math.max(0, due.getTime() - Date.now()));
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
      } else if (taskExpired(thread, now)) {
        fired = true;
        await this.attempts.timedOut(thread, timeoutOf(thread, now));
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
    const branch = this.stateOf(parent).Type === "Parallel";
    const input = branch ? c.effectiveInput : await itemInput(this, parent, c.items![index], index);
    const child = childThread(this.def, parent, branch, index, input, this.now());
    if (!branch) this.emit(child, "MapIterationStarted", { name: parent.state, index });
    c.ids[index] = child.id;
    this.threads[child.id] = child;
  }

  private async childSettled(parent: Thread, child: Thread): Promise<void> {
    const c = parent.children!;
    const map = this.stateOf(parent).Type === "Map";
    c.running--;
    c.ids[child.index] = null;
    if (child.phase === "failed") {
      if (map) this.emit(child, "MapIterationFailed", { name: parent.state, index: child.index });
      // Its siblings end: their running tasks' results will find no thread.
      for (const id of descendantsOf(this.threads, parent.id)) delete this.threads[id];
      this.emit(parent, map ? "MapStateFailed" : "ParallelStateFailed", null);
      return failState(this, parent, child.error!);
    }
    c.outputs[child.index] = child.output ?? null;
    if (map) this.emit(child, "MapIterationSucceeded", { name: parent.state, index: child.index });
    if (c.running > 0 || c.nextIndex < c.total) return;
    this.emit(parent, map ? "MapStateSucceeded" : "ParallelStateSucceeded", null);
    await succeed(this, parent, c.outputs);
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
