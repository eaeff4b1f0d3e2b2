/** AddPermission: one statement more in the function's resource-based policy. */
import { conflict } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { urlQualifier } from "@/lib/services/function-urls/qualifier";
import { principalOf, type PolicyStatement } from "@/lib/services/permissions/policy";
import { addPermissionInput, type AddPermissionInput } from "@/lib/services/permissions/schemas";
import { assertPolicyRevision } from "@/lib/services/permissions/revision";
import { parseInput } from "@/lib/services/validate";

export async function addPermission(
  ctx: ServiceContext,
  functionName: string,
  qualifier: string | null | undefined,
  input: AddPermissionInput,
): Promise<PolicyStatement> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const arn = functionArnOf(ctx, fn.name);
  const q = await urlQualifier(ctx, fn, qualifier);
  const data = parseInput(addPermissionInput, input);
  const condition: Record<string, Record<string, string>> = {};
  if (data.functionUrlAuthType) condition.StringEquals = { "lambda:FunctionUrlAuthType": data.functionUrlAuthType };
  if (data.sourceAccount)
    condition.StringEquals = { ...condition.StringEquals, "AWS:SourceAccount": data.sourceAccount };
  if (data.principalOrgId)
    condition.StringEquals = { ...condition.StringEquals, "aws:PrincipalOrgID": data.principalOrgId };
  if (data.sourceArn) condition.ArnLike = { "AWS:SourceArn": data.sourceArn };
  const statement: PolicyStatement = {
    Sid: data.statementId,
    Effect: "Allow",
    Principal: principalOf(data.principal),
    Action: data.action,
    Resource: arn,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
  try {
    await ctx.db.$transaction(async (tx) => {
      if (data.revisionId) await assertPolicyRevision(tx, fn.id, data.revisionId);
      await tx.functionPermission.create({
        data: {
          functionId: fn.id,
          sid: data.statementId,
          qualifier: q,
          statement: statement as unknown as Prisma.InputJsonValue,
        },
      });
      await recordAudit(tx, ctx, "function.add-permission", fn.name, {
        sid: data.statementId,
        action: data.action,
        principal: data.principal,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(
        `The statement id (${data.statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    throw err;
  }
  ctx.urlsChanged?.(fn.id);
  return statement;
}
