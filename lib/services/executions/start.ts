/**
 * Starts an execution (StartExecution). A Standard one is stored with its first snapshot and
 * ExecutionStarted event and a NOTIFY in one statement; a runner (lib/workflows/engine/runner.ts)
 * on this server or another claims it at once. Starting one with a name that exists is idempotent
 * while it runs with the same input, and ExecutionAlreadyExists otherwise, as on Step Functions.
 * An Express machine runs in memory in the background (lib/services/executions/start-sync.ts).
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";
import { startExecutionInput, type StartExecutionInput } from "@/lib/services/state-machines/schemas";
import { getExecutionOrThrow } from "@/lib/services/executions/record";
import { beginExpress } from "@/lib/services/executions/start-sync";
import { executionArn, stateMachineArn } from "@/lib/workflows/arn";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { eventsJson } from "@/lib/workflows/engine/history";
import { initialSnapshot } from "@/lib/workflows/engine/start";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";
import { traceIdFrom } from "@/lib/workflows/trace-id";

export async function startExecution(
  ctx: ServiceContext,
  machineName: string,
  input: StartExecutionInput,
): Promise<{ arn: string; startedAt: Date }> {
  const data = parseInput(startExecutionInput, input);
  const machine = await getStateMachineOrThrow(ctx, machineName);
  const value = parseExecutionInput(data.input);
  const name = data.name ?? randomUUID();
  if (machine.type === "EXPRESS") {
    const run = beginExpress(ctx, machine, name, value, data.input, data.traceHeader);
    void run.result.catch(() => {}); // recorded when it ends; StartExecution does not wait for it
    return { arn: run.arn, startedAt: run.startedAt };
  }
  const def = JSON.parse(machine.definition) as StateMachineDefinition;
  const startedAt = new Date();
  const smArn = stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, machine.name);
  const { snapshot, events } = initialSnapshot(def, {
    input: value,
    startedAt,
    roleArn: machine.roleArn,
    stateMachineArn: smArn,
  });
  const id = randomUUID();
  const deadlineAt = def.TimeoutSeconds ? new Date(startedAt.getTime() + def.TimeoutSeconds * 1000) : null;
  // One statement (StartExecution's hot path): the row, its first event, and the runners' wake-up.
  const inserted = await ctx.db.$queryRaw<{ id: string }[]>`
    WITH x AS (
      INSERT INTO workflow_executions (id, "stateMachineId", name, definition, input, snapshot, "traceId",
        "startedAt", "dueAt", "deadlineAt", "nextEventId")
      VALUES (${id}::uuid, ${machine.id}::uuid, ${name}, ${machine.definition}, ${data.input},
        ${JSON.stringify(snapshot)}::jsonb, ${traceIdFrom(data.traceHeader, startedAt)}, ${startedAt}, ${startedAt},
        ${deadlineAt}, ${events.length + 1})
      ON CONFLICT ("stateMachineId", name) DO NOTHING
      RETURNING id
    ), e AS (
      INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
      SELECT x.id, ev.id, ev.prev, ev.type, ev.ts, ev.details
      FROM x, jsonb_to_recordset(${eventsJson(events)}::jsonb) AS ev(id int, prev int, type text, ts timestamptz, details jsonb)
    ), n AS (SELECT pg_notify(${WORKFLOW_CHANNEL}, x.id::text) FROM x)
    SELECT x.id::text AS id FROM x, (SELECT count(*) FROM n) AS _`;
  if (!inserted.length) {
    const existing = await getExecutionOrThrow(ctx, machine.name, name);
    if (existing.status === "RUNNING" && existing.input === data.input)
      return { arn: existing.arn, startedAt: existing.startedAt };
    throw new AppError("ResourceConflictException", `Execution Already Exists: '${existing.arn}'`, {
      sfnCode: "ExecutionAlreadyExists",
    });
  }
  return {
    arn: executionArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, machine.name, name),
    startedAt,
  };
}

export function parseExecutionInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError(
      "InvalidParameterValueException",
      `Invalid State Machine Execution Input: '${(err as Error).message}'`,
      {
        sfnCode: "InvalidExecutionInput",
      },
    );
  }
}
