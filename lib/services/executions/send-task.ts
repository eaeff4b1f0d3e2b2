/**
 * The answers to a `.waitForTaskToken` task: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
 * The token's row takes the answer (once: a second answer finds it no longer waiting) and its
 * execution is made due, with a NOTIFY, so the runner holding it or the next to claim it goes on.
 */
import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { WORKFLOW_CHANNEL } from "@/lib/workflows/channel";

export type TaskAnswer =
  | { kind: "success"; output: string }
  | { kind: "failure"; error?: string; cause?: string }
  | { kind: "heartbeat" };

export async function answerTask(ctx: ServiceContext, token: string, answer: TaskAnswer): Promise<void> {
  if (!token || token.length > 1024)
    throw new AppError("InvalidParameterValueException", "Invalid Token: a task token is 1 to 1024 characters", {
      sfnCode: "InvalidToken",
    });
  if (answer.kind === "success") {
    try {
      JSON.parse(answer.output);
    } catch {
      throw new AppError("InvalidParameterValueException", "Invalid Output: the output is not valid JSON", {
        sfnCode: "InvalidOutput",
      });
    }
  }
  const status = answer.kind === "success" ? "succeeded" : answer.kind === "failure" ? "failed" : "waiting";
  const rows = await ctx.db.$queryRaw<{ executionId: string }[]>`
    WITH t AS (
      UPDATE workflow_task_tokens SET status = ${status},
        output = ${answer.kind === "success" ? answer.output : null},
        error = ${answer.kind === "failure" ? (answer.error ?? null) : null},
        cause = ${answer.kind === "failure" ? (answer.cause ?? null) : null},
        "heartbeatAt" = now()
      WHERE token = ${token} AND status = 'waiting'
        AND EXISTS (SELECT 1 FROM workflow_executions x WHERE x.id = "executionId" AND x.status = 'RUNNING')
      RETURNING "executionId"
    ), d AS (
      UPDATE workflow_executions SET "dueAt" = now() FROM t WHERE workflow_executions.id = t."executionId"
        AND ${answer.kind !== "heartbeat"}
      RETURNING workflow_executions.id
    ), n AS (SELECT pg_notify(${WORKFLOW_CHANNEL}, t."executionId"::text) FROM t)
    SELECT t."executionId"::text AS "executionId" FROM t, (SELECT count(*) FROM n) AS _, (SELECT count(*) FROM d) AS __`;
  if (rows.length) return;
  const known = await ctx.db.workflowTaskToken.findUnique({ where: { token }, select: { status: true } });
  if (!known)
    throw new AppError("ResourceNotFoundException", "Task Does Not Exist: no task is waiting for this token", {
      sfnCode: "TaskDoesNotExist",
    });
  throw new AppError("ResourceConflictException", "Task Timed Out: the task this token belongs to has ended", {
    sfnCode: "TaskTimedOut",
  });
}
