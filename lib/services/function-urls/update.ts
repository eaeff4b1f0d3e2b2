/** UpdateFunctionUrlConfig: what is given changes; Cors given as null (or {}) clears it. */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { changedFields, recordAudit } from "@/lib/services/audit/record";
import { getFunctionUrl } from "@/lib/services/function-urls/get";
import { toUrlRecord, type FunctionUrlRecord } from "@/lib/services/function-urls/record";
import { updateUrlInput, type UpdateUrlInput } from "@/lib/services/function-urls/schemas";
import { parseInput } from "@/lib/services/validate";

export async function updateFunctionUrl(
  ctx: ServiceContext,
  functionName: string,
  qualifier: string | null | undefined,
  input: UpdateUrlInput,
): Promise<FunctionUrlRecord> {
  const current = await getFunctionUrl(ctx, functionName, qualifier);
  const data = parseInput(updateUrlInput, input);
  const cors = data.cors === undefined ? undefined : data.cors && Object.keys(data.cors).length ? data.cors : null;
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.functionUrl.update({
      where: { functionId_qualifier: { functionId: current.functionId, qualifier: current.qualifier } },
      data: {
        ...(data.authType ? { authType: data.authType } : {}),
        ...(data.invokeMode ? { invokeMode: data.invokeMode } : {}),
        ...(cors !== undefined ? { cors: (cors ?? null) as Prisma.InputJsonValue } : {}),
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, ctx, "function-url.update", functionName, {
      changes: changedFields(current as unknown as Record<string, unknown>, {
        authType: data.authType,
        invokeMode: data.invokeMode,
        cors,
      }),
    });
    return updated;
  });
  ctx.urlsChanged?.(current.functionId);
  return toUrlRecord(row, current.functionName);
}
