/**
 * Builds the process-wide platform (the composition root): database, caches, executor, writers, invoker. Free of
 * Next; the server entry calls it once and publishes it on globalThis. Long because it wires every part to the
 * others; a part with wiring of its own is built beside it (executor.ts, queue-runtime.ts, key-rotation.ts), and
 * the stop order is shutdown.ts.
 */
import { randomUUID } from "node:crypto";
import type { Settings } from "@/lib/env";
import { createDb } from "@/lib/db/client";
import { DatabaseHealth } from "@/lib/db/health";
import { Admission } from "@/lib/invoke/admission";
import { PgLeaseStore } from "@/lib/invoke/leases";
import { DurableAsyncQueue } from "@/lib/queue/durable-async";
import { ScheduleRunner } from "@/lib/scheduler/runner";
import { RolloutWatcher } from "@/lib/rollouts/watcher";
import { stepRunningRollouts } from "@/lib/services/rollouts";
import { Invoker } from "@/lib/invoke/invoker";
import { FunctionResolver } from "@/lib/invoke/resolver";
import { RecordWriter } from "@/lib/logs/writer";
import { ConnectionWriter } from "@/lib/network/connection-writer";
import { RecordSpill } from "@/lib/logs/spill";
import { pruneOldRecords } from "@/lib/logs/retention";
import { RecordsCapacityGuard } from "@/lib/logs/capacity";
import { UrlRegistry } from "@/lib/url/registry";
import { QueueJanitor } from "@/lib/message-queues/janitor";
import { sendToQueue } from "@/lib/message-queues/send-to";
import { EventSourceManager } from "@/lib/event-sources/manager";
import { eventSourceWorkflows } from "@/lib/platform/event-source-workflows";
import type { FunctionChange, ServiceContext } from "@/lib/services/context";
import { ChangeFeed } from "@/lib/platform/change-feed";
import { createDataCipher, loadMasterKey, parseMasterKey } from "@/lib/crypto/data-cipher";
import { createKeyCipher } from "@/lib/crypto/key-cipher";
import { AccessKeyCache } from "@/lib/aws/sigv4/key-cache";
import { ensureRootAccessKey } from "@/lib/services/access-keys";
import type { Platform } from "@/lib/platform/types";
import { createExecutor } from "@/lib/platform/executor";
import { startQueueRuntime } from "@/lib/platform/queue-runtime";
import { startKeyRotation } from "@/lib/platform/key-rotation";
import { shutdown, type ShutdownReport } from "@/lib/platform/shutdown";
import type { RotationResult } from "@/lib/services/keys/rotate";
import { AuditBuffer } from "@/lib/services/audit/buffer";
import { startConsoleAuth } from "@/lib/auth/start";
import type { ConsoleAuth } from "@/lib/auth/console-auth";
import type { Logger } from "@/lib/log";
import { WorkflowRunner } from "@/lib/workflows/engine/runner";
import { runExpress } from "@/lib/workflows/engine/express";
import { functionTaskPort } from "@/lib/workflows/function-tasks";
import { OtlpExport } from "@/lib/traces/otlp";
import { exportRecords, expressSpans } from "@/lib/platform/trace-export";
import { executionSpans } from "@/lib/services/traces";
import { startExecutionClaimed } from "@/lib/workflows/start-claimed";

export interface PlatformHandle extends Platform {
  close(graceMs: number): Promise<ShutdownReport>;
  /** Started when NIMBUS_MASTER_KEY_PREVIOUS is set: re-seals everything under the current key. */
  keyRotation: Promise<RotationResult | null> | null;
}

export async function createPlatform(
  settings: Settings,
  opts: {
    databaseUrl: string;
    hostScript: string;
    /** The server's root logger: each part logs through a child named after it. */
    log: Logger;
    port?: number /** The embedded database's folder (its disk is watched). */;
    databaseDir?: string | null;
  },
): Promise<PlatformHandle> {
  const { log } = opts;
  const db = createDb(opts.databaseUrl, log.child("db"));
  const dbHealth = new DatabaseHealth(opts.databaseUrl, db.pool, log.child("db"));
  const previousKey = settings.NIMBUS_MASTER_KEY_PREVIOUS
    ? parseMasterKey(settings.NIMBUS_MASTER_KEY_PREVIOUS, "NIMBUS_MASTER_KEY_PREVIOUS")
    : undefined;
  const masterKey = loadMasterKey(settings.NIMBUS_MASTER_KEY, settings.dataDir);
  const dataCipher = createDataCipher(masterKey, previousKey);
  const keyCipher = createKeyCipher(masterKey, previousKey);
  const accessKeys = new AccessKeyCache(db.pool, (sealed, id) => keyCipher.open(sealed, id), log.child("access-keys"));
  const audit = new AuditBuffer(db.pool, 1000, log.child("audit"));
  // Every retried invoke of a tampered function is refused again; one entry a minute per package is enough.
  const refusedAt = new Map<string, number>();
  const resolver = new FunctionResolver(
    db.pool,
    settings.NIMBUS_REGION,
    settings.NIMBUS_ACCOUNT_ID,
    dataCipher,
    log.child("security"),
    (e) => {
      if (Date.now() - (refusedAt.get(e.codeSha256) ?? 0) < 60_000) return;
      refusedAt.set(e.codeSha256, Date.now());
      audit.push({
        action: "security.code-tampered",
        resource: e.functionName,
        details: { codeSha256: e.codeSha256, reason: e.reason, refused: "invoke" },
      });
    },
  );
  const admission = new Admission({
    accountLimit: settings.NIMBUS_MAX_CONCURRENCY,
    store: new PgLeaseStore(db.pool, randomUUID(), settings.NIMBUS_CONCURRENCY_LEASE_SECONDS),
    cluster: settings.NIMBUS_CLUSTER_NAME,
    renewEveryMs: (settings.NIMBUS_CONCURRENCY_LEASE_SECONDS * 1000) / 5,
    databaseUp: () => dbHealth.isUp,
    log: log.child("concurrency"),
  });
  const connections = new ConnectionWriter(db.pool, log.child("connections"));
  const executor = createExecutor(settings, {
    hostScript: opts.hostScript,
    databaseUrl: opts.databaseUrl,
    connections,
    audit,
    log: log.child("executor"),
  });
  const queueRuntime = await startQueueRuntime(settings, opts.databaseUrl, log.child("queues"));
  const { queues } = queueRuntime;
  const janitor = new QueueJanitor(db.pool, log.child("queues"));
  const otlp = settings.OTEL_EXPORTER_OTLP_ENDPOINT
    ? new OtlpExport(settings.OTEL_EXPORTER_OTLP_ENDPOINT, log.child("traces"))
    : null;
  const writer = new RecordWriter(db.pool, {
    log: log.child("records"),
    spill: new RecordSpill(settings.dataDir),
    written: otlp ? (records) => exportRecords(otlp, records) : undefined,
  });
  const invoker = new Invoker(resolver, admission, executor, writer);
  invoker.traceSampleRatio = settings.NIMBUS_TRACE_SAMPLE_RATIO;
  invoker.tracing = settings.NIMBUS_TRACING === "on";
  const asyncQueue = new DurableAsyncQueue({
    url: opts.databaseUrl,
    pool: db.pool,
    invoker,
    retryDelaysSeconds: settings.NIMBUS_ASYNC_RETRY_DELAYS_SECONDS,
    concurrency: settings.NIMBUS_ASYNC_CONCURRENCY,
    flushRecords: () => writer.flush(),
    recordPending: (requestId, attempt) => writer.holds(requestId, attempt),
    sendToQueue: (name, body, attributes) => sendToQueue(queues, name, body, attributes),
    log: log.child("async"),
  });
  await asyncQueue.start();
  invoker.asyncSink = asyncQueue;
  const scheduler = new ScheduleRunner({
    pool: db.pool,
    queue: asyncQueue,
    resolve: (name, qualifier) => invoker.resolve(name, qualifier),
    region: settings.NIMBUS_REGION,
    accountId: settings.NIMBUS_ACCOUNT_ID,
    log: log.child("scheduler"),
    startExecution: (claim, machine, input, name) =>
      startExecutionClaimed(
        db.pool,
        { region: settings.NIMBUS_REGION, accountId: settings.NIMBUS_ACCOUNT_ID },
        claim,
        machine,
        input,
        name,
      ),
    onCompleted: (s) =>
      audit.push({
        action: "schedule.delete",
        resource: s.target,
        details: { schedule: s.name, group: s.groupName, reason: "ActionAfterCompletion DELETE" },
      }),
  });

  const refreshReserved = async () => {
    const r = await db.pool.query<{ n: string | null }>(`SELECT SUM("reservedConcurrency") AS n FROM functions`);
    admission.setTotalReserved(Number(r.rows[0]?.n ?? 0));
  };
  const apply = (c: FunctionChange | "all") => {
    if (c === "all") resolver.invalidateAll();
    else {
      if (c.record) resolver.prime(c.record, c.zip);
      else resolver.invalidate(c.name);
      executor.retire(c.id, c.revision ?? undefined);
      // A deleted function's event source mappings went with it: their pollers stop.
      if (c.revision === null) void eventSources?.reload();
    }
    refreshReserved().catch((e: Error) => log.child("platform").warn(`could not refresh reservations: ${e.message}`));
  };
  const tasks = functionTaskPort(invoker);
  const workflows = new WorkflowRunner({
    pool: db.pool,
    url: opts.databaseUrl,
    tasks,
    region: settings.NIMBUS_REGION,
    accountId: settings.NIMBUS_ACCOUNT_ID,
    log: log.child("workflows"),
    leaseMs: settings.NIMBUS_WORKFLOW_LEASE_SECONDS * 1000,
    pollMs: 1000,
    holdMs: 2000,
    maxActors: settings.NIMBUS_WORKFLOW_MAX_RUNNING,
    finished: otlp
      ? (id) =>
          void executionSpans(services, id).then(
            (t) => t && otlp.push(t.traceId, t.spans),
            () => {},
          )
      : undefined,
  });
  const urls = new UrlRegistry(db.pool);
  let eventSources: EventSourceManager | undefined; // made below, once the services exist
  let auth: ConsoleAuth | undefined; // made below; the feed may call into it once it exists
  const feed = new ChangeFeed(
    opts.databaseUrl,
    db.pool,
    apply,
    log.child("changes"),
    (id) => (id === "all" ? accessKeys.invalidateAll() : accessKeys.invalidate(id)),
    () => auth?.forgetSessions(),
    (id) => (id === "all" ? urls.invalidateAll() : urls.invalidateFunction(id)),
    {
      onRemoteQueue: (name) => queues.directory.forget(name),
      onRemoteEventSources: () => eventSources?.reload(),
    },
  );
  await feed.start();
  await refreshReserved();

  const services: ServiceContext = {
    db: db.prisma,
    queues,
    dataCipher,
    keyCipher,
    settings,
    functionChanged: (c) => {
      apply(c);
      feed.publish({ id: c.id, name: c.name, revision: c.revision });
    },
    accessKeyChanged: (id) => {
      accessKeys.invalidate(id);
      feed.publishAccessKey(id);
    },
    urlsChanged: (functionId) => {
      urls.invalidateFunction(functionId);
      feed.publishUrlsChanged(functionId);
    },
    schedulesChanged: () =>
      void scheduler
        .reload()
        .catch((e: Error) => log.child("scheduler").warn(`could not reload the schedules: ${e.message}`)),
    sessionsEnded: () => {
      auth?.forgetSessions();
      feed.publishSessionsEnded();
    },
    queuesChanged: (name) => {
      queues.directory.forget(name);
      feed.publishQueueChanged(name);
    },
    eventSourcesChanged: () => {
      eventSources?.reload();
      feed.publishEventSourcesChanged();
    },
    workflows: {
      runExpress: async (info, def) => {
        const result = await runExpress({ ...info, region: settings.NIMBUS_REGION }, def, {
          tasks,
          log: log.child("workflows"),
        });
        otlp?.push(info.traceId, expressSpans(info, result));
        return result;
      },
    },
  };
  auth = await startConsoleAuth(settings, services, log.child("auth"), opts.port);
  eventSources = new EventSourceManager(db.pool, {
    queues,
    invoker,
    admission,
    region: settings.NIMBUS_REGION,
    accountId: settings.NIMBUS_ACCOUNT_ID,
    log: log.child("event-sources"),
    flushRecords: () => writer.flush(),
    workflows: eventSourceWorkflows(db.pool, services),
  });
  const pollers = eventSources;

  const prune = () =>
    pruneOldRecords(db.pool, settings.NIMBUS_LOG_RETENTION_DAYS).catch((e: Error) =>
      log.child("retention").warn(`could not delete old records: ${e.message}`),
    );
  const pruneTimer = setInterval(prune, 3600_000);
  pruneTimer.unref();
  const capacity = new RecordsCapacityGuard(db.pool, {
    maxMb: settings.NIMBUS_RECORDS_MAX_MB,
    minFreeMb: settings.NIMBUS_DISK_MIN_FREE_MB,
    diskPath: opts.databaseDir ?? null,
    log: log.child("capacity"),
  });

  const rollouts = new RolloutWatcher({
    everyMs: settings.NIMBUS_ROLLOUT_CHECK_SECONDS * 1000,
    tick: () => stepRunningRollouts(services),
    log: log.child("rollouts"),
  });

  const platform: PlatformHandle = {
    settings,
    db,
    services,
    asyncQueue,
    scheduler,
    rollouts,
    auth,
    invoker,
    resolver,
    admission,
    executor,
    writer,
    accessKeys,
    audit,
    dbHealth,
    capacity,
    urls,
    queues,
    eventSources: pollers,
    workflows,
    urlSettings: {
      NIMBUS_REGION: settings.NIMBUS_REGION,
      NIMBUS_URL_DOMAIN: settings.NIMBUS_URL_DOMAIN,
      NIMBUS_URL_SCHEME: settings.NIMBUS_URL_SCHEME,
      NIMBUS_URL_PORT: settings.NIMBUS_URL_PORT || opts.port || settings.PORT,
    },
    keyRotation: null,
    startedAt: Date.now(),
    state: "starting",
    close(graceMs: number) {
      platform.state = "stopping";
      const own = { timers: [pruneTimer], janitor, otlp, queueRuntime, connections, feed };
      return shutdown(platform, own, graceMs);
    },
  };
  const root =
    settings.NIMBUS_ROOT_ACCESS_KEY_ID && settings.NIMBUS_ROOT_SECRET_ACCESS_KEY
      ? { accessKeyId: settings.NIMBUS_ROOT_ACCESS_KEY_ID, secretAccessKey: settings.NIMBUS_ROOT_SECRET_ACCESS_KEY }
      : null;
  await ensureRootAccessKey(services, root, {
    dataDir: settings.dataDir,
    port: opts.port || settings.PORT || 3000,
    region: settings.NIMBUS_REGION,
    log: log.child("nimbus"),
  });
  await executor.warm();
  await scheduler.start();
  rollouts.start();
  admission.start();
  writer.start();
  connections.start();
  dbHealth.start();
  capacity.start();
  janitor.start();
  await pollers.start();
  await workflows.start();
  if (previousKey) platform.keyRotation = startKeyRotation(services, log.child("security"));
  return platform;
}
