/** A state machine as the verbs return it, and finding one by name. */
import { AppError } from "@/lib/errors";
import type { StateMachine } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { stateMachineArn } from "@/lib/workflows/arn";

export interface StateMachineRecord {
  id: string;
  name: string;
  arn: string;
  type: "STANDARD" | "EXPRESS";
  definition: string;
  roleArn: string;
  description: string;
  revisionId: string;
  tracing: boolean;
  tags: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export function toStateMachineRecord(ctx: ServiceContext, row: StateMachine): StateMachineRecord {
  return {
    id: row.id,
    name: row.name,
    arn: stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, row.name),
    type: row.type as StateMachineRecord["type"],
    definition: row.definition,
    roleArn: row.roleArn,
    description: row.description,
    revisionId: row.revisionId,
    tracing: row.tracing,
    tags: row.tags as Record<string, string>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function stateMachineNotFound(ctx: ServiceContext, name: string): AppError {
  const arn = stateMachineArn(ctx.settings.NIMBUS_REGION, ctx.settings.NIMBUS_ACCOUNT_ID, name);
  return new AppError("ResourceNotFoundException", `State Machine Does Not Exist: '${arn}'`, {
    sfnCode: "StateMachineDoesNotExist",
  });
}

export async function getStateMachineOrThrow(ctx: ServiceContext, name: string): Promise<StateMachineRecord> {
  const row = await ctx.db.stateMachine.findUnique({ where: { name } });
  if (!row) throw stateMachineNotFound(ctx, name);
  return toStateMachineRecord(ctx, row);
}
