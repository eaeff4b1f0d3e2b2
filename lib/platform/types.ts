import type { Settings } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import type { DatabaseHealth } from "@/lib/db/health";
import type { RecordsCapacityGuard } from "@/lib/logs/capacity";
import type { UrlRegistry } from "@/lib/url/registry";
import type { UrlSettings } from "@/lib/aws/function-url";
import type { ServiceContext } from "@/lib/services/context";
import type { Invoker } from "@/lib/invoke/invoker";
import type { FunctionResolver } from "@/lib/invoke/resolver";
import type { Admission } from "@/lib/invoke/admission";
import type { RecordWriter } from "@/lib/logs/writer";
import type { Executor } from "@/lib/executor/types";
import type { DurableAsyncQueue } from "@/lib/queue/durable-async";
import type { RolloutWatcher } from "@/lib/rollouts/watcher";
import type { ScheduleRunner } from "@/lib/scheduler/runner";
import type { AccessKeyCache } from "@/lib/aws/sigv4/key-cache";
import type { AuditBuffer } from "@/lib/services/audit/buffer";
import type { ConsoleAuth } from "@/lib/auth/console-auth";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { EventSourceManager } from "@/lib/event-sources/manager";
import type { WorkflowRunner } from "@/lib/workflows/engine/runner";

/** The process-wide objects, built once by the server entry and shared with Next's route handlers. */
export interface Platform {
  settings: Settings;
  db: Db;
  services: ServiceContext;
  invoker: Invoker;
  resolver: FunctionResolver;
  admission: Admission;
  executor: Executor;
  writer: RecordWriter;
  /** Buffered audit entries of things the system notices itself (sandbox kills, refused code). */
  audit: AuditBuffer;
  asyncQueue: DurableAsyncQueue;
  scheduler: ScheduleRunner;
  /** Checks running rollouts and steps or rolls them back. */
  rollouts: RolloutWatcher;
  /** Decrypted secrets of active access keys, for SigV4 on the Lambda API. */
  accessKeys: AccessKeyCache;
  /** Console sign-in: sessions (cached), first-run setup, the request gate. */
  auth: ConsoleAuth;
  /** Whether the database answers (probed every 2 s; also told by the embedded PostgreSQL's supervisor). */
  dbHealth: DatabaseHealth;
  /** Size and disk bounds on invocation records and log lines (oldest deleted first). */
  capacity: RecordsCapacityGuard;
  /** Function URLs by url id, cached (lib/url). */
  urls: UrlRegistry;
  /** The queues' data plane: cached queues, wake-ups, limits (the SQS API). */
  queues: QueueRuntime;
  /** This server's pollers of event source mappings. */
  eventSources: EventSourceManager;
  /** This server's runner of Standard workflow executions. */
  workflows: WorkflowRunner;
  /** How FunctionUrl values are written: the domain, scheme and port clients use. */
  urlSettings: UrlSettings;
  startedAt: number;
  state: "starting" | "ready" | "stopping";
}
