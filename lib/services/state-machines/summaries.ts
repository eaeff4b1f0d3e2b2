/**
 * Every state machine with its newest execution and the statuses of its newest
 * RECENT_EXECUTIONS (the console's list), in one query: a lateral join per machine that walks
 * its (stateMachineId, startedAt DESC) index.
 */
import type { ServiceContext } from "@/lib/services/context";
import type { ExecutionStatus } from "@/lib/services/executions/record";
import { stateMachineArn } from "@/lib/workflows/arn";

export const RECENT_EXECUTIONS = 50;

export interface StateMachineSummary {
  name: string;
  arn: string;
  type: "STANDARD" | "EXPRESS";
  description: string;
  createdAt: string;
  updatedAt: string;
  /** The newest execution, if any. */
  lastExecution: { name: string; status: ExecutionStatus; startedAt: string } | null;
  /** Statuses of the newest executions (up to RECENT_EXECUTIONS). */
  recent: Partial<Record<ExecutionStatus, number>>;
}

interface Row {
  name: string;
  type: "STANDARD" | "EXPRESS";
  description: string;
  createdAt: Date;
  updatedAt: Date;
  last: { name: string; status: ExecutionStatus; startedAt: string } | null;
  recent: Partial<Record<ExecutionStatus, number>> | null;
}

export async function listStateMachineSummaries(ctx: ServiceContext, limit = 1000): Promise<StateMachineSummary[]> {
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT m.name, m.type, m.description, m."createdAt", m."updatedAt", r.last, r.recent
    FROM state_machines m
    LEFT JOIN LATERAL (
      SELECT (array_agg(json_build_object('name', x.name, 'status', x.status, 'startedAt', x."startedAt")
                ORDER BY x."startedAt" DESC))[1] AS last,
             (SELECT json_object_agg(s.status, s.n) FROM (
                SELECT y.status, count(*) AS n FROM (
                  SELECT status FROM workflow_executions WHERE "stateMachineId" = m.id
                  ORDER BY "startedAt" DESC LIMIT ${RECENT_EXECUTIONS}) y GROUP BY y.status) s) AS recent
      FROM (SELECT name, status, "startedAt" FROM workflow_executions WHERE "stateMachineId" = m.id
            ORDER BY "startedAt" DESC LIMIT 1) x
    ) r ON true
    ORDER BY m.name LIMIT ${limit}`;
  const { NIMBUS_REGION: region, NIMBUS_ACCOUNT_ID: account } = ctx.settings;
  return rows.map((r) => ({
    name: r.name,
    arn: stateMachineArn(region, account, r.name),
    type: r.type,
    description: r.description,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    lastExecution: r.last ? { ...r.last, startedAt: new Date(r.last.startedAt).toISOString() } : null,
    recent: r.recent ?? {},
  }));
}
