/**
 * Stops a running execution (StopExecution): ABORTED with its ExecutionAborted event, in one
 * statement. The runner holding it finds it no longer RUNNING at its next checkpoint and stops;
 * a task already running ends on its own and its result is dropped. Stopping a finished one changes nothing.
 */
import type { ServiceContext } from "@/lib/services/context";
import { getExecutionByArn } from "@/lib/services/executions/record";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";

export async function stopExecution(
  ctx: ServiceContext,
  arn: string,
  reason: { error?: string; cause?: string } = {},
): Promise<{ stoppedAt: Date }> {
  const execution = await getExecutionByArn(ctx, arn);
  const details = JSON.stringify({
    member: "executionAbortedEventDetails",
    details: { ...(reason.error ? { error: reason.error } : {}), ...(reason.cause ? { cause: reason.cause } : {}) },
  });
  const rows = await ctx.db.$queryRaw<{ stoppedAt: Date }[]>`
    WITH s AS (
      UPDATE workflow_executions SET status = 'ABORTED', "stoppedAt" = now(), error = ${reason.error ?? null},
        cause = ${reason.cause ?? null}, "nextEventId" = "nextEventId" + 1, "dueAt" = NULL
      WHERE id = ${execution.id}::uuid AND status = 'RUNNING'
      RETURNING id, "nextEventId" - 1 AS "eventId", "stoppedAt"
    ), e AS (
      INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
      SELECT id, "eventId", "eventId" - 1, 'ExecutionAborted', "stoppedAt", ${details}::jsonb FROM s
    ), n AS (SELECT pg_notify(${WORKFLOW_CHANNEL}, ${execution.id}) FROM s)
    SELECT "stoppedAt" FROM s, (SELECT count(*) FROM n) AS _`;
  return { stoppedAt: rows[0]?.stoppedAt ?? execution.stoppedAt ?? new Date() };
}
