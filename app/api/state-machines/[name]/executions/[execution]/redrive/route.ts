import { route } from "@/lib/http/route";
import { getExecutionOrThrow, redriveExecution } from "@/lib/services/executions";

type P = { name: string; execution: string };

/** POST → { redrivenAt }: a failed, timed-out or aborted Standard execution runs on from where it stopped. */
export const POST = route<P>(async ({ params, platform }) => {
  const ctx = platform.services;
  const execution = await getExecutionOrThrow(ctx, params.name, params.execution);
  return redriveExecution(ctx, execution.arn);
});
