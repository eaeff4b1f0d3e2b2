/**
 * Builds the process-wide runtime: database, caches, executor, writers, invoker. Free of
 * Next; the server entry calls it once and publishes it on globalThis.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import type { Settings } from "../env";
import { createDb } from "../db/client";
import { Supervisor } from "../executor/supervisor";
import { Admission } from "../invoke/admission";
import { DurableAsyncQueue } from "../queue/durable-async";
import { ScheduleRunner } from "../scheduler/runner";
import { Invoker } from "../invoke/invoker";
import { FunctionResolver } from "../invoke/resolver";
import { RecordWriter } from "../logs/writer";
import { pruneOldRecords } from "../logs/retention";
import type { FunctionChange, ServiceContext } from "../services/context";
import { ChangeFeed } from "./change-feed";
import { createCodeCipher, loadMasterKey } from "../crypto/code-cipher";
import type { NimbusRuntime } from "./types";
import { startConsoleAuth } from "../auth/start";
import type { ConsoleAuth } from "../auth/console-auth";

export interface RuntimeHandle extends NimbusRuntime {
  close(graceMs: number): Promise<void>;
}

export async function createRuntime(settings: Settings, opts: { databaseUrl: string; hostScript: string; log: (m: string) => void; port?: number }): Promise<RuntimeHandle> {
  const { log } = opts;
  const db = createDb(opts.databaseUrl);
  const codeCipher = createCodeCipher(loadMasterKey(settings.NIMBUS_MASTER_KEY, settings.dataDir));
  const resolver = new FunctionResolver(db.pool, settings.NIMBUS_REGION, settings.NIMBUS_ACCOUNT_ID, codeCipher, log);
  const admission = new Admission(settings.NIMBUS_MAX_CONCURRENCY);
  const workDir = path.join(settings.dataDir, "sandboxes");
  rmSync(workDir, { recursive: true, force: true }); // folders of sandboxes from an earlier run
  const executor = new Supervisor({
    hostScript: opts.hostScript,
    workDir,
    idleMs: settings.NIMBUS_INSTANCE_IDLE_SECONDS * 1000,
    prewarm: settings.NIMBUS_PREWARM_SANDBOXES,
    instancesPerSandbox: settings.NIMBUS_INSTANCES_PER_SANDBOX,
    log,
  });
  const writer = new RecordWriter(db.pool, 100, log);
  const invoker = new Invoker(resolver, admission, executor, writer);
  const asyncQueue = new DurableAsyncQueue({
    url: opts.databaseUrl,
    pool: db.pool,
    invoker,
    retryDelaysSeconds: settings.NIMBUS_ASYNC_RETRY_DELAYS_SECONDS,
    concurrency: settings.NIMBUS_ASYNC_CONCURRENCY,
    flushRecords: () => writer.flush(),
    log,
  });
  await asyncQueue.start();
  invoker.asyncSink = asyncQueue;
  const scheduler = new ScheduleRunner({
    pool: db.pool,
    queue: asyncQueue,
    resolve: (name) => invoker.resolve(name),
    region: settings.NIMBUS_REGION,
    accountId: settings.NIMBUS_ACCOUNT_ID,
    log,
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
    }
    refreshReserved().catch((e: Error) => log(`[runtime] could not refresh reservations: ${e.message}`));
  };
  const feed = new ChangeFeed(opts.databaseUrl, db.pool, apply, log);
  await feed.start();
  await refreshReserved();

  const services: ServiceContext = {
    db: db.prisma,
    codeCipher,
    settings,
    functionChanged: (c) => {
      apply(c);
      feed.publish({ id: c.id, name: c.name, revision: c.revision });
    },
    schedulesChanged: () => void scheduler.reload().catch((e: Error) => log(`[scheduler] ${e.message}`)),
    sessionsEnded: () => auth?.forgetSessions(),
  };
  let auth: ConsoleAuth | undefined;
  auth = await startConsoleAuth(settings, services, log, opts.port);

  const prune = () => pruneOldRecords(db.pool, settings.NIMBUS_LOG_RETENTION_DAYS).catch((e: Error) => log(`[retention] ${e.message}`));
  const pruneTimer = setInterval(prune, 3600_000);
  pruneTimer.unref();

  const rt: RuntimeHandle = {
    settings,
    db,
    services,
    asyncQueue,
    scheduler,
    auth,
    invoker,
    resolver,
    admission,
    executor,
    writer,
    startedAt: Date.now(),
    state: "starting",
    async close(graceMs: number) {
      rt.state = "stopping";
      clearInterval(pruneTimer);
      scheduler.stop();
      await asyncQueue.stop(graceMs);
      await executor.shutdown(graceMs);
      await writer.close();
      await feed.close();
      await db.close();
    },
  };
  await executor.warm();
  await scheduler.start();
  return rt;
}
