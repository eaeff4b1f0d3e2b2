import { route } from "@/lib/http/route";
import { getExecutionOrThrow, stopExecution } from "@/lib/services/executions";

type P = { name: string; execution: string };

/** POST → { stoppedAt }: the execution is ABORTED (stopping a finished one changes nothing). */
export const POST = route<P>(async ({ params, platform }) => {
  const ctx = platform.services;
  const execution = await getExecutionOrThrow(ctx, params.name, params.execution);
  return stopExecution(ctx, execution.arn);
});
