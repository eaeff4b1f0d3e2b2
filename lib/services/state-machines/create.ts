/** Creates a state machine (CreateStateMachine): the definition is checked before anything is stored. */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/record";
import type { ServiceContext } from "@/lib/services/context";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { type StateMachineRecord, toStateMachineRecord } from "@/lib/services/state-machines/record";
import { createStateMachineInput, type CreateStateMachineInput } from "@/lib/services/state-machines/schemas";
import { definitionOrThrow } from "@/lib/services/state-machines/validate";
import { stateMachineArn } from "@/lib/workflows/arn";

export async function createStateMachine(
  ctx: ServiceContext,
  input: CreateStateMachineInput,
): Promise<StateMachineRecord> {
  const data = parseInput(createStateMachineInput, input);
  definitionOrThrow(data.definition, data.type);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.stateMachine.create({ data: { id: randomUUID(), revisionId: randomUUID(), ...data } });
      await recordAudit(tx, ctx, "state-machine.create", data.name, { type: data.type });
      return created;
    });
    return toStateMachineRecord(ctx, row);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const arn = stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, data.name);
    throw new AppError("ResourceConflictException", `State Machine Already Exists: '${arn}'`, {
      sfnCode: "StateMachineAlreadyExists",
    });
  }
}
