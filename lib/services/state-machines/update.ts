/**
 * Changes a state machine (UpdateStateMachine). Running executions keep the definition they
 * started with; new ones use this one. A stale revisionId (the console's editor) is a conflict.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { changedFields, recordAudit } from "@/lib/services/audit/record";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import {
  getStateMachineOrThrow,
  type StateMachineRecord,
  toStateMachineRecord,
} from "@/lib/services/state-machines/record";
import { updateStateMachineInput, type UpdateStateMachineInput } from "@/lib/services/state-machines/schemas";
import { definitionOrThrow } from "@/lib/services/state-machines/validate";

export async function updateStateMachine(
  ctx: ServiceContext,
  name: string,
  input: UpdateStateMachineInput,
): Promise<StateMachineRecord> {
  const { revisionId, ...data } = parseInput(updateStateMachineInput, input);
  const before = await getStateMachineOrThrow(ctx, name);
  if (data.definition !== undefined) definitionOrThrow(data.definition, before.type);
  const row = await ctx.db.$transaction(async (tx) => {
    const r = await tx.stateMachine.updateMany({
      where: { id: before.id, ...(revisionId ? { revisionId } : {}) },
      data: { ...data, revisionId: randomUUID(), updatedAt: new Date() },
    });
    if (r.count === 0)
      throw new AppError(
        "PreconditionFailedException",
        "The state machine was changed since you loaded it: reload it and make your change again",
        { sfnCode: "ConflictException" },
      );
    const { definition, ...rest } = data;
    await recordAudit(tx, ctx, "state-machine.update", name, {
      ...changedFields(before as unknown as Record<string, unknown>, rest),
      ...(definition !== undefined && definition !== before.definition ? { definition: "changed" } : {}),
    });
    return tx.stateMachine.findUniqueOrThrow({ where: { id: before.id } });
  });
  return toStateMachineRecord(ctx, row);
}
