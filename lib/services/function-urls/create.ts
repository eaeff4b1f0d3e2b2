/** CreateFunctionUrlConfig: one URL per function (and qualifier); a second one is a conflict. */
import { conflict } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";
import { newUrlId, toUrlRecord, type FunctionUrlRecord } from "@/lib/services/function-urls/record";
import { urlQualifier } from "@/lib/services/function-urls/qualifier";
import { createUrlInput, type CreateUrlInput } from "@/lib/services/function-urls/schemas";
import { parseInput } from "@/lib/services/validate";
import { functionArnOf } from "@/lib/services/function-urls/arn";

export async function createFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  qualifier: string | null | undefined,
  input: CreateUrlInput,
): Promise<FunctionUrlRecord> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const q = await urlQualifier(ctx, fn, qualifier);
  const data = parseInput(createUrlInput, input);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.functionUrl.create({
        data: {
          functionId: fn.id,
          qualifier: q,
          urlId: newUrlId(),
          authType: data.authType,
          cors: (data.cors ?? undefined) as Prisma.InputJsonValue | undefined,
          invokeMode: data.invokeMode,
        },
      });
      await recordAudit(tx, ctx, "function-url.create", fn.name, {
        authType: data.authType,
        invokeMode: data.invokeMode,
        cors: data.cors ?? null,
      });
      return created;
    });
    ctx.urlsChanged?.(fn.id);
    return toUrlRecord(row, fn.name);
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(
        `Failed to create function url config for [functionArn = ${functionArnOf(ctx, fn.name)}]. Error message: FunctionUrlConfig exists for this Lambda function`,
      );
    throw err;
  }
}
