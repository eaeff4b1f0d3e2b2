/** Step Functions' execution and task-token operations: each reads its members, calls one verb, answers its shape. */
import { AppError } from "@/lib/errors";
import { xrayTraceId } from "@/lib/traces/context";
import * as executions from "@/lib/services/executions";
import type { ExecutionRecord, ExecutionStatus } from "@/lib/services/executions";
import * as machines from "@/lib/services/state-machines";
import { describeMachine } from "@/lib/aws/sfn/machine-actions";
import type { SfnAction } from "@/lib/aws/sfn/types";
import {
  epoch,
  executionArnIn,
  machineNameIn,
  optionalBool,
  optionalInt,
  optionalString,
  required,
  validation,
} from "@/lib/aws/sfn/wire";

const STATUSES = new Set(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);
const traceHeaderOf = (e: { traceId: string }) => `Root=${xrayTraceId(e.traceId)};Sampled=1`;

function startInput(c: Parameters<SfnAction>[0]) {
  return {
    name: optionalString(c.input, "name"),
    input: optionalString(c.input, "input"),
    traceHeader: optionalString(c.input, "traceHeader"),
  };
}

const startExecution: SfnAction = async (c) => {
  const r = await executions.startExecution(c.ctx, machineNameIn(c.input), startInput(c));
  return { executionArn: r.arn, startDate: epoch(r.startedAt) };
};

const startSyncExecution: SfnAction = async (c) => {
  const r = await executions.startSyncExecution(c.ctx, machineNameIn(c.input), startInput(c));
  return {
    executionArn: r.arn,
    stateMachineArn: r.stateMachineArn,
    name: r.name,
    startDate: epoch(r.startedAt),
    stopDate: epoch(r.stoppedAt),
    status: r.status,
    error: r.error,
    cause: r.cause,
    input: r.input,
    inputDetails: { included: true },
    output: r.output,
    outputDetails: r.output === undefined ? undefined : { included: true },
    traceHeader: traceHeaderOf(r),
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(
        100,
        Math.ceil((r.stoppedAt.getTime() - r.startedAt.getTime()) / 100) * 100,
      ),
    },
  };
};

function redriveStatus(e: ExecutionRecord): { redriveStatus: string; redriveStatusReason?: string } {
  if (e.type === "EXPRESS")
    return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Express executions cannot be redriven" };
  if (e.status === "RUNNING" || e.status === "SUCCEEDED")
    return { redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: `Execution is ${e.status}` };
  return { redriveStatus: "REDRIVABLE" };
}

const describeExecution: SfnAction = async (c) => {
  const e = await executions.getExecutionByArn(c.ctx, executionArnIn(c.input).arn);
  return {
    executionArn: e.arn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epoch(e.startedAt),
    stopDate: e.stoppedAt ? epoch(e.stoppedAt) : undefined,
    input: e.input,
    inputDetails: { included: true },
    output: e.output ?? undefined,
    outputDetails: e.output === null ? undefined : { included: true },
    error: e.error ?? undefined,
    cause: e.cause ?? undefined,
    traceHeader: traceHeaderOf(e),
    redriveCount: e.redriveCount,
    redriveDate: e.redrivenAt ? epoch(e.redrivenAt) : undefined,
    ...redriveStatus(e),
  };
};

const describeStateMachineForExecution: SfnAction = async (c) => {
  const e = await executions.getExecutionByArn(c.ctx, executionArnIn(c.input).arn);
  const m = await machines.getStateMachineOrThrow(c.ctx, e.stateMachineName);
  const { status: _s, creationDate: _c, type: _t, ...rest } = describeMachine(m);
  return { ...rest, definition: e.definition, updateDate: epoch(m.updatedAt) };
};

const stopExecution: SfnAction = async (c) => {
  const r = await executions.stopExecution(c.ctx, executionArnIn(c.input).arn, {
    error: optionalString(c.input, "error"),
    cause: optionalString(c.input, "cause"),
  });
  return { stopDate: epoch(r.stoppedAt) };
};

const listExecutions: SfnAction = async (c) => {
  const status = optionalString(c.input, "statusFilter");
  if (status !== undefined && !STATUSES.has(status))
    throw validation(`Value '${status.slice(0, 40)}' at 'statusFilter' is not a status`);
  const machine = await machines.getStateMachineOrThrow(c.ctx, machineNameIn(c.input));
  if (machine.type === "EXPRESS")
    throw new AppError(
      "InvalidParameterValueException",
      "This operation is not supported by this type of state machine",
      {
        sfnCode: "StateMachineTypeNotSupported",
      },
    );
  const page = await executions.listExecutions(c.ctx, machine.name, {
    status: status as ExecutionStatus | undefined,
    limit: optionalInt(c.input, "maxResults", 1, 1000),
    cursor: optionalString(c.input, "nextToken"),
  });
  return {
    executions: page.items.map((e) => ({
      executionArn: e.arn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: epoch(e.startedAt),
      stopDate: e.stoppedAt ? epoch(e.stoppedAt) : undefined,
      redriveCount: e.redriveCount,
      redriveDate: e.redrivenAt ? epoch(e.redrivenAt) : undefined,
    })),
    ...(page.next ? { nextToken: page.next } : {}),
  };
};

const getExecutionHistory: SfnAction = async (c) => {
  const page = await executions.getExecutionHistory(c.ctx, executionArnIn(c.input).arn, {
    reverse: optionalBool(c.input, "reverseOrder"),
    includeData: optionalBool(c.input, "includeExecutionData"),
    limit: optionalInt(c.input, "maxResults", 1, 1000),
    cursor: optionalString(c.input, "nextToken"),
  });
  return {
    events: page.events.map((e) => ({
      timestamp: epoch(e.timestamp),
      type: e.type,
      id: e.id,
      previousEventId: e.previousEventId,
      ...(e.member && e.details ? { [e.member]: e.details } : {}),
    })),
    ...(page.next ? { nextToken: page.next } : {}),
  };
};

const redriveExecution: SfnAction = async (c) => {
  const r = await executions.redriveExecution(c.ctx, executionArnIn(c.input).arn);
  return { redriveDate: epoch(r.redrivenAt) };
};

const sendTaskSuccess: SfnAction = async (c) => {
  await executions.answerTask(c.ctx, required(c.input, "taskToken"), {
    kind: "success",
    output: required(c.input, "output"),
  });
  return {};
};

const sendTaskFailure: SfnAction = async (c) => {
  await executions.answerTask(c.ctx, required(c.input, "taskToken"), {
    kind: "failure",
    error: optionalString(c.input, "error"),
    cause: optionalString(c.input, "cause"),
  });
  return {};
};

const sendTaskHeartbeat: SfnAction = async (c) => {
  await executions.answerTask(c.ctx, required(c.input, "taskToken"), { kind: "heartbeat" });
  return {};
};

export const EXECUTION_ACTIONS: Record<string, SfnAction> = {
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  StopExecution: stopExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  RedriveExecution: redriveExecution,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
};
