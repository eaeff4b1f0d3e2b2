/**
 * Deadlines are the supervisor's alone (never a Promise.race that lets the loser run on): at
 * the timeout the instance is terminated at once and its sandbox drained; if native code holds
 * the thread so that the sandbox does not go within the grace, its whole process group is
 * SIGKILLed — the one stop no user code can refuse.
 */
import type { Sandbox } from "@/lib/executor/sandbox";

export const DEFAULT_KILL_GRACE_MS = 1000;

/** Calls `onTimeout` after `timeoutMs` unless cleared. */
export function armDeadline(timeoutMs: number, onTimeout: () => void): NodeJS.Timeout {
  return setTimeout(onTimeout, timeoutMs);
}

/** After a deadline: end the instance now, take no more work, and kill the sandbox if it lingers. */
export function endAfterDeadline(sb: Sandbox, iid: number, graceMs = DEFAULT_KILL_GRACE_MS): void {
  sb.killInstance(iid);
  sb.drain();
  if (sb.state === "dead") return;
  const grace = setTimeout(() => sb.kill(), graceMs);
  grace.unref();
  void sb.exited.then(() => clearTimeout(grace));
}
