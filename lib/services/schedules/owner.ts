/**
 * What a schedule targets: a function (by name — the console's schedules live on its page) or a
 * state machine (the Scheduler API's Target.Arn of one: each fire starts an execution).
 */
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";
import { targetLabel } from "@/lib/workflows/arn";

export type ScheduleOwner = string | { stateMachine: string };

export interface ResolvedOwner {
  /** The columns that point at it (one set, the other null). */
  columns: { functionId: string | null; stateMachineId: string | null };
  /** Its name, as audit entries and messages name it. */
  label: string;
}

export async function resolveOwner(ctx: ServiceContext, owner: ScheduleOwner): Promise<ResolvedOwner> {
  if (typeof owner === "string") {
    const fn = await getFunctionOrThrow(ctx, owner);
    return { columns: { functionId: fn.id, stateMachineId: null }, label: fn.name };
  }
  const m = await getStateMachineOrThrow(ctx, owner.stateMachine);
  return {
    columns: { functionId: null, stateMachineId: m.id },
    label: targetLabel({ functionName: null, stateMachineName: m.name }),
  };
}
