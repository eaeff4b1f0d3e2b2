/**
 * An execution's task attempts: queued until the checkpoint that says they run, then started;
 * their outcomes — and the answers to `.waitForTaskToken` tokens — applied on the actor's next
 * pass. An outcome for an attempt its thread has moved past (a retry, a failed sibling, a timeout)
 * finds no match and is dropped. The tokens made and finished since the last checkpoint go with it.
 */
import { randomUUID } from "node:crypto";
import { stateSpanId } from "@/lib/traces/workflow-spans";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import type { Journal } from "@/lib/workflows/engine/journal";
import { failState, type RunContext, succeed } from "@/lib/workflows/engine/states";
import { TaskEvents } from "@/lib/workflows/engine/task-events";
import { runTask, type TaskPort, type TaskResource } from "@/lib/workflows/engine/tasks";
import type { StatesFailure, Thread } from "@/lib/workflows/engine/threads";

interface Queued {
  thread: Thread;
  resource: TaskResource;
  input: unknown;
}

/** An attempt's end, or (answer) a token's SendTaskSuccess/Failure. */
interface Outcome {
  threadId: string;
  attemptId: string;
  result?: unknown;
  failure?: StatesFailure;
  answer?: boolean;
}

export class TaskAttempts {
  private toStart: Queued[] = [];
  private readonly outcomes: Outcome[] = [];
  private running = 0;
  private newTokens: { token: string; threadId: string }[] = [];
  /** Tokens whose task has moved on: marked done at the next checkpoint (a late answer is refused). */
  private doneTokens: string[] = [];
  private readonly events: TaskEvents;

  constructor(
    private readonly run: RunContext,
    private readonly threads: Record<string, Thread>,
    private readonly o: { tasks: TaskPort; journal: Journal; info: ExecutionInfo; wake: () => void },
  ) {
    this.events = new TaskEvents(run, o.info.region);
  }

  get busy(): boolean {
    return this.running > 0;
  }

  get queued(): boolean {
    return this.toStart.length > 0;
  }

  /** After a crash: an attempt the journal says was running is an interrupted one. */
  interruptRunning(): void {
    for (const t of Object.values(this.threads))
      if (t.phase === "task" && t.attemptId)
        this.outcomes.push({
          threadId: t.id,
          attemptId: t.attemptId,
          failure: { Error: "Nimbus.TaskInterrupted", Cause: "The server running this task stopped before it ended" },
        });
  }

  queue(thread: Thread, resource: TaskResource, input: unknown, timeoutSec?: number, heartbeatSec?: number): void {
    thread.phase = "task";
    thread.attemptId = randomUUID();
    thread.taskDeadline = timeoutSec ? new Date(Date.now() + timeoutSec * 1000).toISOString() : undefined;
    thread.heartbeatSeconds = heartbeatSec;
    this.events.scheduled(thread, resource, input, timeoutSec, heartbeatSec);
    // Journaled with Scheduled, in the checkpoint that comes before the attempt begins.
    this.events.started(thread, resource);
    if (thread.token) this.newTokens.push({ token: thread.token, threadId: thread.id });
    this.toStart.push({ thread, resource, input });
  }

  /** The tokens to journal with this checkpoint (made, and finished). */
  takeTokens(): { tokens: { token: string; threadId: string }[]; doneTokens: string[] } {
    const out = { tokens: this.newTokens, doneTokens: this.doneTokens };
    this.newTokens = [];
    this.doneTokens = [];
    return out;
  }

  /** Starts the attempts queued before the checkpoint that journaled them. */
  startQueued(): void {
    for (const { thread, resource, input } of this.toStart.splice(0)) {
      const attemptId = thread.attemptId!;
      this.running++;
      const parentSpanId = stateSpanId(this.o.info.id, thread.enteredEventId ?? 0);
      const call = { resource, input, requestId: attemptId, traceId: this.o.info.traceId, parentSpanId };
      const token = resource.kind === "lambda:invoke" && resource.waitForToken;
      runTask(this.o.tasks, call)
        .then(
          (result) =>
            this.outcomes.push({ threadId: thread.id, attemptId, result: token ? { __submitted: result } : result }),
          (err: Error & { error?: string; cause?: string }) =>
            this.outcomes.push({
              threadId: thread.id,
              attemptId,
              failure: { Error: err.error ?? "States.TaskFailed", Cause: err.cause ?? err.message },
            }),
        )
        .finally(() => {
          this.running--;
          this.o.wake();
        });
    }
  }

  /** Applies the outcomes that came; true when there were any. */
  async apply(): Promise<boolean> {
    const outcomes = this.outcomes.splice(0);
    for (const r of outcomes) {
      const thread = this.threads[r.threadId];
      if (!thread || thread.attemptId !== r.attemptId || (thread.phase !== "task" && thread.phase !== "token"))
        continue;
      if (thread.token && (r.answer || r.failure)) this.doneTokens.push(thread.token);
      if (r.failure) {
        this.events.failed(thread, r.failure);
        await failState(this.run, thread, r.failure);
      } else if (thread.token && thread.phase === "task" && !r.answer) {
        thread.phase = "token"; // invoked: now the answer comes with the token
        const resource = this.events.resourceOf(thread);
        this.events.submitted(thread, resource, (r.result as { __submitted: unknown }).__submitted);
      } else {
        this.events.succeeded(thread, r.result);
        await succeed(this.run, thread, r.result);
      }
    }
    return outcomes.length > 0;
  }

  /** Looks for answers to its tokens (SendTaskSuccess/Failure/Heartbeat) and applies them. */
  async readTokens(): Promise<void> {
    // An answer can come before the invoke that passed the token on has returned ("task").
    const waiting = Object.values(this.threads).filter((t) => t.token && (t.phase === "token" || t.phase === "task"));
    if (!waiting.length) return;
    for (const a of await this.o.journal.tokens()) {
      const thread = waiting.find((t) => t.token === a.token);
      if (!thread) continue;
      const answer = { threadId: thread.id, attemptId: thread.attemptId!, answer: true };
      if (a.status === "succeeded") this.outcomes.push({ ...answer, result: JSON.parse(a.output ?? "null") });
      else if (a.status === "failed")
        this.outcomes.push({ ...answer, failure: { Error: a.error ?? "", Cause: a.cause ?? "" } });
      else if (a.heartbeatAt && thread.heartbeatSeconds) thread.heartbeatAt = a.heartbeatAt.toISOString();
    }
    await this.apply();
  }

  /** The attempt ran past its TimeoutSeconds or HeartbeatSeconds. */
  async timedOut(thread: Thread, failure: StatesFailure): Promise<void> {
    if (thread.token) this.doneTokens.push(thread.token);
    this.events.timedOut(thread, failure);
    await failState(this.run, thread, failure);
  }
}
