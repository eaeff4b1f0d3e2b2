import { invalid } from "@/lib/errors";
import { jsonBody, route } from "@/lib/http/route";
import { type ExecutionStatus, listExecutions, startExecution, startSyncExecution } from "@/lib/services/executions";
import { getStateMachineOrThrow } from "@/lib/services/state-machines";
import type { ExecutionPage, StartedExecution } from "@/lib/queries/state-machines";

type P = { name: string };
const PAGE = 50;
const STATUSES: readonly string[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "ABORTED",
] satisfies ExecutionStatus[];

/** GET ?status=&cursor= → { items, nextCursor }: newest first, without inputs and outputs. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const q = new URL(req.url).searchParams;
  const status = q.get("status") || undefined;
  if (status && !STATUSES.includes(status)) throw invalid(`status must be one of ${STATUSES.join(", ")}`);
  const { items, next } = await listExecutions(platform.services, params.name, {
    status: status as ExecutionStatus | undefined,
    cursor: q.get("cursor") || undefined,
    limit: PAGE,
  });
  return {
    items: items.map((e) => ({
      name: e.name,
      arn: e.arn,
      type: e.type,
      status: e.status,
      startedAt: e.startedAt.toISOString(),
      stoppedAt: e.stoppedAt?.toISOString() ?? null,
      redriveCount: e.redriveCount,
    })),
    nextCursor: next,
  } satisfies ExecutionPage;
});

/**
 * POST { input, name? } → { arn, name }. A Standard execution starts and runs on; an Express one
 * runs to its end here (StartSyncExecution) and its status comes back too.
 */
export const POST = route<P>(async ({ req, params, platform }): Promise<StartedExecution> => {
  const { input, name } = await jsonBody(req);
  if (typeof input !== "string") throw invalid("input must be the execution input's JSON text");
  if (name !== undefined && typeof name !== "string") throw invalid("name must be a string");
  const ctx = platform.services;
  const machine = await getStateMachineOrThrow(ctx, params.name);
  if (machine.type === "EXPRESS") {
    const r = await startSyncExecution(ctx, machine.name, { input, name: name || undefined });
    return { arn: r.arn, name: r.name, status: r.status as ExecutionStatus, error: r.error ?? null };
  }
  const { arn } = await startExecution(ctx, machine.name, { input, name: name || undefined });
  return { arn, name: arn.slice(arn.lastIndexOf(":") + 1) };
});
