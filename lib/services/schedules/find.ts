/** Looks up a schedule by its group and name (as the Scheduler API names it), with its target's name. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { assertScheduleGroup } from "@/lib/services/schedules/get-group";
import type { ScheduleOwner } from "@/lib/services/schedules/owner";
import type { ScheduleRecord } from "@/lib/services/schedules/record";

/** A schedule and what it targets: a function's name, or a state machine's. */
export interface TargetedSchedule {
  schedule: ScheduleRecord;
  functionName: string | null;
  stateMachineName: string | null;
  /** The same target, as the schedules verbs take it. */
  owner: ScheduleOwner;
}

/** A schedule with its target's names, when its target still exists. */
export function targeted(
  schedule: ScheduleRecord,
  functions: Map<string, string>,
  machines: Map<string, string>,
): TargetedSchedule | null {
  const functionName = schedule.functionId ? (functions.get(schedule.functionId) ?? null) : null;
  const stateMachineName = schedule.stateMachineId ? (machines.get(schedule.stateMachineId) ?? null) : null;
  if (functionName) return { schedule, functionName, stateMachineName: null, owner: functionName };
  if (stateMachineName)
    return { schedule, functionName: null, stateMachineName, owner: { stateMachine: stateMachineName } };
  return null;
}

/** The names of the functions and state machines these schedules target (two queries). */
export async function targetNames(ctx: ServiceContext, schedules: ScheduleRecord[]) {
  const ids = (k: "functionId" | "stateMachineId") => [...new Set(schedules.flatMap((s) => (s[k] ? [s[k]] : [])))];
  const [fns, machines] = await Promise.all([
    ctx.db.fn.findMany({ where: { id: { in: ids("functionId") } }, select: { id: true, name: true } }),
    ctx.db.stateMachine.findMany({ where: { id: { in: ids("stateMachineId") } }, select: { id: true, name: true } }),
  ]);
  return { functions: new Map(fns.map((f) => [f.id, f.name])), machines: new Map(machines.map((m) => [m.id, m.name])) };
}

export async function findScheduleOrThrow(
  ctx: ServiceContext,
  groupName: string,
  name: string,
): Promise<TargetedSchedule> {
  assertScheduleGroup(groupName);
  const schedule = await ctx.db.schedule.findUnique({ where: { groupName_name: { groupName, name } } });
  const names = schedule ? await targetNames(ctx, [schedule]) : null;
  const found = schedule && names ? targeted(schedule, names.functions, names.machines) : null;
  if (!found) throw notFound(`Schedule ${name.slice(0, 64)} does not exist.`);
  return found;
}
