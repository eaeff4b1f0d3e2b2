/**
 * Express executions: StartSyncExecution runs one in memory and answers with its result; the
 * execution and its history are stored once it ends, so the console shows it like any other.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { insertExecution } from "@/lib/services/executions/insert";
import { getStateMachineOrThrow, type StateMachineRecord } from "@/lib/services/state-machines/record";
import { startExecutionInput, type StartExecutionInput } from "@/lib/services/state-machines/schemas";
import { parseExecutionInput } from "@/lib/services/executions/start";
import { executionArn } from "@/lib/workflows/arn";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { ExpressResult } from "@/lib/workflows/engine/express";
import { traceIdFrom } from "@/lib/workflows/trace-id";
import { deadlineOf } from "@/lib/workflows/engine/start";

export interface SyncExecutionResult extends Omit<ExpressResult, "events"> {
  arn: string;
  name: string;
  stateMachineArn: string;
  input: string;
  startedAt: Date;
  traceId: string;
}

export async function startSyncExecution(
  ctx: ServiceContext,
  machineName: string,
  input: StartExecutionInput,
): Promise<SyncExecutionResult> {
  const data = parseInput(startExecutionInput, input);
  const machine = await getStateMachineOrThrow(ctx, machineName);
  if (machine.type !== "EXPRESS")
    throw new AppError("InvalidParameterValueException", "This operation is only supported by Express state machines", {
      sfnCode: "StateMachineTypeNotSupported",
    });
  const value = parseExecutionInput(data.input);
  return beginExpress(ctx, machine, data.name ?? randomUUID(), value, data.input, data.traceHeader).result;
}

/** Starts an Express execution in memory: its ARN at once, its result (recorded) when it ends. */
export function beginExpress(
  ctx: ServiceContext,
  machine: StateMachineRecord,
  name: string,
  value: unknown,
  inputText: string,
  traceHeader?: string,
): { arn: string; startedAt: Date; result: Promise<SyncExecutionResult> } {
  if (!ctx.workflows) throw new AppError("ServiceUnavailableException", "Workflows are not running on this server");
  const { NIMBUS_REGION: region, NIMBUS_ACCOUNT_ID: account } = ctx.settings;
  const def = JSON.parse(machine.definition) as StateMachineDefinition;
  const startedAt = new Date();
  const traceId = traceIdFrom(traceHeader, startedAt);
  const id = randomUUID();
  const arn = executionArn(region, account, machine.name, name, id);
  const run = ctx.workflows.runExpress(
    {
      id,
      arn,
      name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      roleArn: machine.roleArn,
      input: value,
      startedAt,
      redriveCount: 0,
      traceId,
      deadlineAt: deadlineOf(def, startedAt),
    },
    def,
  );
  return {
    arn,
    startedAt,
    result: run
      .then((result) => recordExpress(ctx, machine, id, name, inputText, startedAt, traceId, result))
      .then((result) => ({
        ...withoutEvents(result),
        arn,
        name,
        stateMachineArn: machine.arn,
        input: inputText,
        startedAt,
        traceId,
      })),
  };
}

async function recordExpress(
  ctx: ServiceContext,
  machine: StateMachineRecord,
  id: string,
  name: string,
  inputText: string,
  startedAt: Date,
  traceId: string,
  result: ExpressResult,
): Promise<ExpressResult> {
  // A name used twice (names are unique per machine here) is not stored again: the caller still gets its result.
  await insertExecution(
    ctx,
    {
      id,
      stateMachineId: machine.id,
      name,
      type: "EXPRESS",
      status: result.status,
      definition: machine.definition,
      input: inputText,
      output: result.output,
      error: result.error,
      cause: result.cause,
      snapshot: {},
      traceId,
      startedAt,
      stoppedAt: result.stoppedAt,
    },
    result.events,
  );
  return result;
}

function withoutEvents(result: ExpressResult): Omit<ExpressResult, "events"> {
  const { events: _events, ...rest } = result;
  return rest;
}
