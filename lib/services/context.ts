import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Settings } from "@/lib/env";
import type { FunctionRecord } from "@/lib/services/functions/record";
import type { DataCipher } from "@/lib/crypto/data-cipher";
import type { KeyCipher } from "@/lib/crypto/key-cipher";
import type { Actor } from "@/lib/services/audit/actor";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { WorkflowRuntime } from "@/lib/workflows/runtime";

/** A change other parts of the process (caches, executor) must hear about. */
export interface FunctionChange {
  id: string;
  name: string;
  revision: number | null; // null: deleted
  /** The function as committed (lets this process prime its cache instead of re-reading it). */
  record?: FunctionRecord;
  /** New code bytes, when the change was a code upload. */
  zip?: Uint8Array;
}

/** What every service verb gets: the database and a way to announce changes. */
export interface ServiceContext {
  db: PrismaClient;
  /** Seals code packages at rest and checks them when read. */
  dataCipher: DataCipher;
  /** Seals access keys' secrets at rest (same master key). */
  keyCipher: KeyCipher;
  settings: Pick<
    Settings,
    | "NIMBUS_MAX_CONCURRENCY"
    | "NIMBUS_MIN_UNRESERVED_CONCURRENCY"
    | "NIMBUS_REGION"
    | "NIMBUS_ACCOUNT_ID"
    | "NIMBUS_SESSION_IDLE_MINUTES"
    | "NIMBUS_SESSION_MAX_HOURS"
  >;
  /** Called after a change commits; also published to other servers (NOTIFY). */
  functionChanged(change: FunctionChange): void;
  /** Schedules were created, changed or deleted (the runner reloads). */
  schedulesChanged?(): void;
  /** Console sessions were ended (logout, password change): drop cached ones at once. */
  sessionsEnded?(): void;
  /** A function's URL config or resource policy changed (URL caches here and, via NOTIFY, elsewhere drop it). */
  urlsChanged?(functionId: string): void;
  /** The queues' data plane (message counts, sends, peeks and moves for the console). */
  queues?: QueueRuntime;
  /** A queue was created, changed or deleted (the message path's queue cache drops it). */
  queuesChanged?(name: string): void;
  /** Event source mappings were created, changed or deleted (the pollers follow). */
  eventSourcesChanged?(): void;
  /** An access key was created, changed or deleted (caches here and, via NOTIFY, elsewhere drop it). */
  accessKeyChanged?(id: string): void;
  /** Runs Express executions (Standard ones are picked up by the runners from the database). */
  workflows?: WorkflowRuntime;
  /** Who is making the change (audit log); missing means the system itself. */
  actor?: Actor;
}

/** The same context acting for someone: route wrappers call this once per request. */
export function withActor(ctx: ServiceContext, actor: Actor): ServiceContext {
  return { ...ctx, actor };
}
