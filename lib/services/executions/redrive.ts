/**
 * Redrives a failed, timed-out or aborted Standard execution (RedriveExecution) from where it
 * stopped: threads that failed run their state again (a new Entered event), a task that was
 * running when it stopped runs again, and the states before them keep their results. A failed
 * Parallel or Map runs again whole (Step Functions re-runs only its failed branches).
 * Allowed for 14 days after it stopped, as on Step Functions.
 */
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { getExecutionByArn } from "@/lib/services/executions/record";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { Snapshot } from "@/lib/workflows/engine/threads";
import { deadlineOf } from "@/lib/workflows/engine/start";

const REDRIVE_WINDOW_MS = 14 * 24 * 3600_000;

export async function redriveExecution(ctx: ServiceContext, arn: string): Promise<{ redrivenAt: Date }> {
  const execution = await getExecutionByArn(ctx, arn);
  const notRedrivable = (why: string) =>
    new AppError("ResourceConflictException", `Execution Not Redrivable: ${why}`, {
      sfnCode: "ExecutionNotRedrivable",
    });
  if (execution.type === "EXPRESS") throw notRedrivable("Express executions cannot be redriven");
  if (execution.status === "RUNNING" || execution.status === "SUCCEEDED")
    throw notRedrivable(`the execution is ${execution.status}`);
  if (execution.stoppedAt && Date.now() - execution.stoppedAt.getTime() > REDRIVE_WINDOW_MS)
    throw notRedrivable("it stopped more than 14 days ago");
  const row = await ctx.db.workflowExecution.findUniqueOrThrow({
    where: { id: execution.id },
    select: { snapshot: true },
  });
  const snapshot = reopen(row.snapshot as unknown as Snapshot);
  const def = JSON.parse(execution.definition) as StateMachineDefinition;
  const now = new Date();
  const count = execution.redriveCount + 1;
  const details = JSON.stringify({ member: "executionRedrivenEventDetails", details: { redriveCount: count } });
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`
    WITH r AS (
      UPDATE workflow_executions SET status = 'RUNNING', "stoppedAt" = NULL, output = NULL, error = NULL, cause = NULL,
        snapshot = ${JSON.stringify(snapshot)}::jsonb, "redriveCount" = ${count}, "redrivenAt" = ${now},
        "dueAt" = ${now}, "leaseOwner" = NULL, "leaseUntil" = NULL, "nextEventId" = "nextEventId" + 1,
        "deadlineAt" = ${deadlineOf(def, now)}
      WHERE id = ${execution.id}::uuid AND status = ${execution.status}
      RETURNING id, "nextEventId" - 1 AS "eventId"
    ), e AS (
      INSERT INTO workflow_events ("executionId", id, "previousEventId", type, timestamp, details)
      SELECT id, "eventId", "eventId" - 1, 'ExecutionRedriven', ${now}, ${details}::jsonb FROM r
    ), n AS (SELECT pg_notify(${WORKFLOW_CHANNEL}, ${execution.id}) FROM r)
    SELECT r.id::text AS id FROM r, (SELECT count(*) FROM n) AS _`;
  if (!rows.length) throw notRedrivable("it changed meanwhile; look at it again");
  return { redrivenAt: now };
}

/** The snapshot with its failed and interrupted threads ready to run their state again. */
function reopen(snapshot: Snapshot): Snapshot & Prisma.JsonObject {
  const threads = structuredClone(snapshot.threads);
  for (const t of Object.values(threads)) {
    if (t.phase === "failed" || t.phase === "task" || t.phase === "token") {
      t.phase = "ready";
      t.entered = false;
      t.error = undefined;
      t.token = undefined;
      t.attemptId = undefined;
      t.taskDeadline = undefined;
      t.retries = [];
      t.retryCount = 0;
    }
  }
  return { threads } as unknown as Snapshot & Prisma.JsonObject;
}
