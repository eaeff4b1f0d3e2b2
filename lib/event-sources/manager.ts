/**
 * Runs the pollers of every enabled event source mapping on this server (whether it feeds a
 * function or a state machine), and follows changes:
 * a reload (on a change here, a NOTIFY from another server, or the change feed's reconnection)
 * starts pollers for new or enabled mappings, stops those of disabled or deleted ones, replaces
 * those of changed ones, and moves the mappings' State on (Creating/Enabling → Enabled,
 * Disabling → Disabled). Batch results are written back as LastProcessingResult, at most once a
 * second per mapping.
 */
import type pg from "pg";
import { compilePattern, type Pattern } from "@/lib/event-sources/filter";
import { MappingPoller } from "@/lib/event-sources/poller";
import { DEFAULT_MAX_CONCURRENCY, type ActiveMapping, type PollerDeps } from "@/lib/event-sources/types";

interface Row {
  id: string;
  functionName: string | null;
  qualifier: string | null;
  machineName: string | null;
  machineType: string | null;
  queueName: string;
  batchSize: number;
  maxBatchingWindowSec: number;
  reportBatchItemFailures: boolean;
  filterCriteria: { Filters?: Array<{ Pattern: string }> } | null;
  maxConcurrency: number | null;
  enabled: boolean;
  state: string;
  updatedAt: Date;
}

const REPORT_EVERY_MS = 1_000;

export class EventSourceManager {
  private readonly pollers = new Map<string, MappingPoller>();
  private reloading: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly reports = new Map<string, { result: string; error: string | null; at: number; written: number }>();
  private readonly reportTimer: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly deps: Omit<PollerDeps, "report">,
  ) {
    this.reportTimer = setInterval(() => void this.flushReports(), REPORT_EVERY_MS);
    this.reportTimer.unref();
  }

  /** Running pollers by mapping id (tests read it). */
  get running(): string[] {
    return [...this.pollers.keys()];
  }

  async start(): Promise<void> {
    await this.reload();
  }

  /** Brings the pollers in line with the mappings (concurrent calls share one reload, then run once more). */
  reload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = this.reloadOnce()
      .catch((err: Error) => this.deps.log.warn(`event sources: reload failed: ${err.message}`))
      .finally(() => {
        this.reloading = null;
        if (this.again) {
          this.again = false;
          void this.reload();
        }
      });
    return this.reloading;
  }

  private async reloadOnce(): Promise<void> {
    const { rows } = await this.pool.query<Row>(
      `SELECT m.id, f.name AS "functionName", m.qualifier, s.name AS "machineName", s.type AS "machineType",
              m."queueName", m."batchSize", m."maxBatchingWindowSec", m."reportBatchItemFailures",
              m."filterCriteria", m."maxConcurrency", m.enabled, m.state, m."updatedAt"
         FROM event_source_mappings m
         LEFT JOIN functions f ON f.id = m."functionId"
         LEFT JOIN state_machines s ON s.id = m."stateMachineId"`,
    );
    const wanted = new Map(rows.filter((r) => r.enabled).map((r) => [r.id, toActive(r)]));
    for (const [id, p] of this.pollers) {
      const w = wanted.get(id);
      if (!w || w.version !== p.mapping.version) {
        this.pollers.delete(id);
        void p.stop();
      }
    }
    for (const [id, m] of wanted) {
      if (this.pollers.has(id) || this.closed) continue;
      const p = new MappingPoller(m, { ...this.deps, report: (mid, result, error) => this.report(mid, result, error) });
      this.pollers.set(id, p);
      p.start();
    }
    await this.pool.query(
      `UPDATE event_source_mappings SET state = CASE WHEN enabled THEN 'Enabled' ELSE 'Disabled' END
        WHERE state IN ('Creating', 'Enabling', 'Disabling', 'Updating')`,
    );
  }

  private report(id: string, result: string, error?: string): void {
    const prev = this.reports.get(id);
    this.reports.set(id, { result, error: error ?? null, at: Date.now(), written: prev?.written ?? 0 });
  }

  private async flushReports(): Promise<void> {
    const due = [...this.reports].filter(([, r]) => r.at > r.written);
    if (!due.length) return;
    for (const [, r] of due) r.written = r.at;
    await this.pool
      .query(
        `UPDATE event_source_mappings m SET "lastProcessingResult" = x.result, "lastError" = x.error,
                "lastProcessedAt" = to_timestamp(x.at / 1000.0)
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[]) AS x(id, result, error, at)
          WHERE m.id = x.id`,
        [due.map(([id]) => id), due.map(([, r]) => r.result), due.map(([, r]) => r.error), due.map(([, r]) => r.at)],
      )
      .catch((err: Error) => this.deps.log.warn(`event sources: could not record results: ${err.message}`));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reportTimer);
    await this.reloading;
    await Promise.all([...this.pollers.values()].map((p) => p.stop()));
    this.pollers.clear();
    await this.flushReports();
  }
}

function toActive(r: Row): ActiveMapping {
  const filters: Pattern[] = [];
  for (const f of r.filterCriteria?.Filters ?? []) {
    try {
      filters.push(compilePattern(f.Pattern));
    } catch {
      /* checked when saved; a pattern this version cannot read matches nothing rather than everything */
      filters.push({ "\u0000never": ["\u0000"] });
    }
  }
  const target: ActiveMapping["target"] = r.machineName
    ? { kind: "stateMachine", name: r.machineName, express: r.machineType === "EXPRESS" }
    : { kind: "function", name: r.functionName ?? "", qualifier: r.qualifier };
  return {
    id: r.id,
    target,
    queueName: r.queueName,
    batchSize: r.batchSize,
    maxBatchingWindowSec: r.maxBatchingWindowSec,
    reportBatchItemFailures: r.reportBatchItemFailures,
    filters,
    maxConcurrency: r.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    version: `${r.updatedAt.getTime()}:${r.functionName ?? `states:${r.machineName}`}`,
  };
}
