/**
 * Runs Standard executions on this server: claims the ones due (new, a timer passed, a token
 * answered, a server that held one died) with a lease, runs each in an ExecutionActor, renews
 * the leases of those it holds, and lets go of them at shutdown so another server goes on at
 * once. Servers coordinate only through the rows: `FOR UPDATE SKIP LOCKED` hands each due
 * execution to one of them, and the actor's checkpoints are fenced on the lease. A NOTIFY on
 * CHANNEL (a start, a token's answer, a stop) makes a runner look at once instead of at its next poll.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PgListener } from "@/lib/db/listener";
import type { Logger } from "@/lib/log";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { ExecutionActor } from "@/lib/workflows/engine/actor";
import { executionArn, stateMachineArn } from "@/lib/workflows/arn";
import { PgJournal } from "@/lib/workflows/engine/pg-journal";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";
import type { TaskPort } from "@/lib/workflows/engine/tasks";
import type { Snapshot } from "@/lib/workflows/engine/threads";

export interface RunnerOptions {
  pool: pg.Pool;
  url: string;
  tasks: TaskPort;
  region: string;
  accountId: string;
  log: Logger;
  /** How long a claim lasts without renewal: a crashed server's executions go on after this. */
  leaseMs: number;
  pollMs: number;
  /** Timers nearer than this keep an execution in memory. */
  holdMs: number;
  maxActors: number;
  /** An execution ended here (the OTLP export sends its spans). */
  finished?: (executionId: string) => void;
}

interface ClaimedRow {
  id: string;
  name: string;
  definition: string;
  input: string;
  snapshot: Snapshot;
  nextEventId: number;
  startedAt: Date;
  redriveCount: number;
  traceId: string;
  deadlineAt: Date | null;
  machineName: string;
  roleArn: string;
}

const CLAIM = `
UPDATE workflow_executions e SET "leaseOwner" = $1, "leaseUntil" = now() + make_interval(secs => $2)
FROM state_machines m
WHERE m.id = e."stateMachineId" AND e.id IN (
  SELECT id FROM workflow_executions
  WHERE status = 'RUNNING' AND "dueAt" <= now() AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
    AND ($4::uuid IS NULL OR id = $4)
  ORDER BY "dueAt" LIMIT $3 FOR UPDATE SKIP LOCKED)
RETURNING e.id, e.name, e.definition, e.input, e.snapshot, e."nextEventId", e."startedAt", e."redriveCount",
  e."traceId", e."deadlineAt", m.name AS "machineName", m."roleArn"`;

export class WorkflowRunner {
  readonly owner = randomUUID();
  private readonly actors = new Map<string, ExecutionActor>();
  private readonly listener: PgListener;
  private pollTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private claiming: Promise<void> | null = null;

  constructor(private readonly o: RunnerOptions) {
    this.listener = new PgListener(o.url, WORKFLOW_CHANNEL, {
      notify: (id) => this.kick(id),
      lost: (err) => o.log.warn(`workflow wake-ups lost their connection (${err.message}); reconnecting`),
      back: () => this.kick(),
    });
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.pollTimer = setInterval(() => this.kick(), this.o.pollMs);
    this.pollTimer.unref();
    this.renewTimer = setInterval(() => void this.renew(), Math.max(200, this.o.leaseMs / 3));
    this.renewTimer.unref();
    this.kick();
  }

  /** An execution may have something to do (or any, without an id): the actor holding it looks, or a claim is tried. */
  kick(executionId?: string): void {
    if (this.stopped) return;
    const held = executionId ? this.actors.get(executionId) : undefined;
    if (held) {
      held.wake();
      return;
    }
    if (this.claiming) {
      void this.claiming.then(() => this.kick(executionId));
      return;
    }
    this.claiming = this.claim(executionId ?? null)
      .catch((e: Error) => this.o.log.warn(`could not claim executions: ${e.message}`))
      .finally(() => {
        this.claiming = null;
      });
  }

  private async claim(only: string | null): Promise<void> {
    const room = this.o.maxActors - this.actors.size;
    if (room <= 0) return;
    const r = await this.o.pool.query<ClaimedRow>(CLAIM, [this.owner, this.o.leaseMs / 1000, room, only]);
    for (const row of r.rows) this.run(row);
  }

  private run(row: ClaimedRow): void {
    const { region, accountId } = this.o;
    const actor = new ExecutionActor(
      {
        id: row.id,
        arn: executionArn(region, accountId, row.machineName, row.name),
        name: row.name,
        stateMachineArn: stateMachineArn(region, accountId, row.machineName),
        stateMachineName: row.machineName,
        roleArn: row.roleArn,
        input: JSON.parse(row.input),
        startedAt: row.startedAt,
        redriveCount: row.redriveCount,
        traceId: row.traceId,
        deadlineAt: row.deadlineAt,
        region,
      },
      JSON.parse(row.definition) as StateMachineDefinition,
      row.snapshot,
      row.nextEventId,
      {
        tasks: this.o.tasks,
        journal: new PgJournal(this.o.pool, row.id, this.owner),
        log: this.o.log,
        holdMs: this.o.holdMs,
        tokens: true,
      },
    );
    this.actors.set(row.id, actor);
    void actor.done.then((how) => {
      this.actors.delete(row.id);
      if (how === "finished") this.o.finished?.(row.id);
      if (how === "released") void this.answeredMeanwhile(row.id);
    });
    actor.start();
  }

  /**
   * A token answered while the releasing checkpoint ran can be missed by it (its statement's
   * snapshot predates the answer's commit), leaving the execution due only at its next timer. One
   * fresh look after every release makes it due now, and claims it.
   */
  private async answeredMeanwhile(id: string): Promise<void> {
    const r = await this.o.pool
      .query(
        `UPDATE workflow_executions SET "dueAt" = now()
         WHERE id = $1 AND status = 'RUNNING' AND "leaseOwner" IS NULL AND ("dueAt" IS NULL OR "dueAt" > now())
           AND EXISTS (SELECT 1 FROM workflow_task_tokens t WHERE t."executionId" = $1 AND t.status IN ('succeeded', 'failed'))
         RETURNING id`,
        [id],
      )
      .catch((e: Error) => {
        this.o.log.warn(`could not look at execution ${id} again: ${e.message}`);
        return { rowCount: 0 };
      });
    if (r.rowCount) this.kick(id);
  }

  private async renew(): Promise<void> {
    if (!this.actors.size) return;
    await this.o.pool
      .query(
        `UPDATE workflow_executions SET "leaseUntil" = now() + make_interval(secs => $2)
         WHERE "leaseOwner" = $1 AND id = ANY($3::uuid[])`,
        [this.owner, this.o.leaseMs / 1000, [...this.actors.keys()]],
      )
      .catch((e: Error) => this.o.log.warn(`could not renew execution leases: ${e.message}`));
  }

  /** How many executions this server holds now. */
  get held(): number {
    return this.actors.size;
  }

  /**
   * Stops claiming, lets running task attempts end (up to `graceMs`, so their results are
   * journaled rather than interrupted), then hands what it holds back, due now, for the next server.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.claiming;
    const until = Date.now() + graceMs;
    while (Date.now() < until && [...this.actors.values()].some((a) => a.busy))
      await new Promise((r) => setTimeout(r, 50));
    if (this.renewTimer) clearInterval(this.renewTimer);
    for (const actor of this.actors.values()) actor.abandon();
    await this.o.pool
      .query(
        `UPDATE workflow_executions SET "leaseOwner" = NULL, "leaseUntil" = NULL, "dueAt" = now()
         WHERE "leaseOwner" = $1 AND status = 'RUNNING'`,
        [this.owner],
      )
      .catch((e: Error) => this.o.log.warn(`could not hand back executions: ${e.message}`));
    await this.listener.close();
  }
}
