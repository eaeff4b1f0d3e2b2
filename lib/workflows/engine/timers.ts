/** When an execution's threads are due: Wait and retry timers, task deadlines, heartbeats (pure). */
import type { StatesFailure, Thread } from "@/lib/workflows/engine/threads";

export function heartbeatDeadline(thread: Thread): number {
  if (!thread.heartbeatSeconds) return Number.POSITIVE_INFINITY;
  return Date.parse(thread.heartbeatAt ?? thread.enteredAt) + thread.heartbeatSeconds * 1000;
}

/** A running task or a token wait whose TimeoutSeconds or HeartbeatSeconds has passed. */
export function taskExpired(thread: Thread, now: number): boolean {
  if (thread.phase !== "task" && thread.phase !== "token") return false;
  if (thread.taskDeadline && Date.parse(thread.taskDeadline) <= now) return true;
  return thread.phase === "token" && heartbeatDeadline(thread) <= now;
}

export function timeoutOf(thread: Thread, now: number): StatesFailure {
  if (thread.taskDeadline && Date.parse(thread.taskDeadline) <= now)
    return { Error: "States.Timeout", Cause: "The task ran past its TimeoutSeconds" };
  return { Error: "States.HeartbeatTimeout", Cause: "No heartbeat came within HeartbeatSeconds" };
}

/** The earliest timer: a Wait, a retry, a task's deadline, a heartbeat, the execution's deadline. */
export function nextDue(threads: Iterable<Thread>, deadlineAt: Date | null): Date | null {
  let due = deadlineAt?.getTime() ?? Number.POSITIVE_INFINITY;
  for (const t of threads) {
    if (t.phase === "wait" && t.dueAt) due = Math.min(due, Date.parse(t.dueAt));
    if ((t.phase === "task" || t.phase === "token") && t.taskDeadline) due = Math.min(due, Date.parse(t.taskDeadline));
    if (t.phase === "token") due = Math.min(due, heartbeatDeadline(t));
  }
  return Number.isFinite(due) ? new Date(due) : null;
}
