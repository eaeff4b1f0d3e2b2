/**
 * The platform's stop, in order: what takes new work first (timers, pollers, runners), then what
 * runs it (the async queue, the executor), then what writes its records, the database last.
 */
import type { QueueJanitor } from "@/lib/message-queues/janitor";
import type { ConnectionWriter } from "@/lib/network/connection-writer";
import type { ChangeFeed } from "@/lib/platform/change-feed";
import type { OtlpExport } from "@/lib/traces/otlp";
import type { Platform } from "@/lib/platform/types";

/** What a shutdown could not finish: empty when everything was written and stopped. */
export interface ShutdownReport {
  problems: string[];
}

/** What the platform holds, and the parts only its builder sees. */
export type PlatformParts = Pick<
  Platform,
  | "capacity"
  | "scheduler"
  | "eventSources"
  | "workflows"
  | "rollouts"
  | "asyncQueue"
  | "executor"
  | "admission"
  | "writer"
  | "accessKeys"
  | "audit"
  | "dbHealth"
  | "db"
>;

export interface BuilderParts {
  timers: NodeJS.Timeout[];
  janitor: QueueJanitor;
  otlp: OtlpExport | null;
  queueRuntime: { close(): Promise<void> };
  connections: ConnectionWriter;
  feed: ChangeFeed;
}

export async function shutdown(platform: PlatformParts, own: BuilderParts, graceMs: number): Promise<ShutdownReport> {
  const p = { ...platform, ...own };
  const problems: string[] = [];
  for (const t of p.timers) clearInterval(t);
  p.capacity.stop();
  p.scheduler.stop();
  p.janitor.stop();
  await p.eventSources.close();
  await p.workflows.stop(graceMs);
  await p.otlp?.close().catch(() => {});
  await p.queueRuntime.close();
  await p.rollouts.stop();
  await p.asyncQueue.stop(graceMs);
  await p.executor.shutdown(graceMs);
  await p.admission.close();
  const unwritten = await p.connections.close();
  if (unwritten) problems.push(`${unwritten} connection records could not be written`);
  const records = await p.writer.close();
  if (records.spilled)
    problems.push(
      `${records.spilled} invocation record rows could not be written (${records.error}); ` +
        `saved to ${records.spillFile}, written at the next start`,
    );
  if (records.lost)
    problems.push(`${records.lost} invocation record rows were lost${records.error ? ` (${records.error})` : ""}`);
  await p.accessKeys.close();
  const auditLeft = await p.audit.close();
  if (auditLeft) problems.push(`${auditLeft} audit entries could not be written`);
  await p.feed.close();
  await p.dbHealth.stop();
  await p.db.close();
  return { problems };
}
