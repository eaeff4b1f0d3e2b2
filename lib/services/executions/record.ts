/** An execution as the verbs return it, and finding one by its state machine's name and its own. */
import { AppError } from "@/lib/errors";
import type { WorkflowExecution } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { executionArn, parseStatesArn, stateMachineArn } from "@/lib/workflows/arn";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecutionRecord {
  id: string;
  name: string;
  arn: string;
  stateMachineName: string;
  stateMachineArn: string;
  type: "STANDARD" | "EXPRESS";
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  definition: string;
  traceId: string;
  startedAt: Date;
  stoppedAt: Date | null;
  redriveCount: number;
  redrivenAt: Date | null;
}

export function toExecutionRecord(ctx: ServiceContext, machine: string, row: WorkflowExecution): ExecutionRecord {
  const { NIMBUS_REGION: region, NIMBUS_ACCOUNT_ID: account } = ctx.settings;
  return {
    id: row.id,
    name: row.name,
    arn: executionArn(region, account, machine, row.name, row.type === "EXPRESS" ? row.id : undefined),
    stateMachineName: machine,
    stateMachineArn: stateMachineArn(region, account, machine),
    type: row.type as ExecutionRecord["type"],
    status: row.status as ExecutionStatus,
    input: row.input,
    output: row.output,
    error: row.error,
    cause: row.cause,
    definition: row.definition,
    traceId: row.traceId,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
    redriveCount: row.redriveCount,
    redrivenAt: row.redrivenAt,
  };
}

export function executionNotFound(arn: string): AppError {
  return new AppError("ResourceNotFoundException", `Execution Does Not Exist: '${arn.slice(0, 300)}'`, {
    sfnCode: "ExecutionDoesNotExist",
  });
}

export function invalidArn(arn: string): AppError {
  return new AppError("InvalidParameterValueException", `Invalid Arn: '${arn.slice(0, 300)}'`, {
    sfnCode: "InvalidArn",
  });
}

/** The execution an ARN names (`execution:`, or an Express one's `express:` with its id). */
export async function getExecutionByArn(ctx: ServiceContext, arn: string): Promise<ExecutionRecord> {
  const parsed = parseStatesArn(arn);
  if (parsed?.kind !== "execution") throw invalidArn(arn);
  if (!parsed.expressId) return getExecutionOrThrow(ctx, parsed.machine, parsed.name);
  const row = await ctx.db.workflowExecution.findFirst({
    where: { id: parsed.expressId, name: parsed.name, stateMachine: { name: parsed.machine } },
  });
  if (!row) throw executionNotFound(arn);
  return toExecutionRecord(ctx, parsed.machine, row);
}

export async function getExecutionOrThrow(
  ctx: ServiceContext,
  machine: string,
  name: string,
): Promise<ExecutionRecord> {
  const row = await ctx.db.workflowExecution.findFirst({ where: { name, stateMachine: { name: machine } } });
  if (!row) {
    const { NIMBUS_REGION: region, NIMBUS_ACCOUNT_ID: account } = ctx.settings;
    throw executionNotFound(executionArn(region, account, machine, name));
  }
  return toExecutionRecord(ctx, machine, row);
}
