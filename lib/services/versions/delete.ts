import { AppError, conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { dropUnusedCodePackage } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";
import { getFunctionVersion } from "@/lib/services/versions/get";
import { isVersionNumber } from "@/lib/services/versions/record";
import { getFunctionOrThrow } from "@/lib/services/functions/get";

/**
 * DeleteFunction with a version Qualifier: that version (and its async settings) goes; its code
 * stays while anything uses it.
 */
export async function deleteFunctionVersion(ctx: ServiceContext, name: string, qualifier: string): Promise<void> {
  if (qualifier === "$LATEST")
    throw new AppError(
      "InvalidParameterValueException",
      "$LATEST version cannot be deleted without deleting the function.",
    );
  if (!isVersionNumber(qualifier))
    throw new AppError(
      "InvalidParameterValueException",
      `Qualifier must be a version number; got '${qualifier.slice(0, 64)}'`,
    );
  const v = await getFunctionVersion(ctx, name, qualifier);
  await ctx.db.$transaction(async (tx) => {
    const using = await tx.functionAlias.findMany({
      where: { functionId: v.id, OR: [{ functionVersion: qualifier }, { additionalVersion: qualifier }] },
      select: { name: true },
      orderBy: { name: "asc" },
    });
    if (using.length)
      throw conflict(
        `Unable to delete version because the following aliases reference it: [${using.map((a) => a.name).join(", ")}]`,
      );
    await tx.functionVersion.delete({
      where: { functionId_version: { functionId: v.id, version: Number(v.version) } },
    });
    await tx.eventInvokeConfig.deleteMany({ where: { functionId: v.id, qualifier } });
    await dropUnusedCodePackage(tx, v.codeSha256);
    await recordAudit(tx, ctx, "function.delete-version", name, { version: Number(v.version) });
  });
  // Caches drop the name's versions; $LATEST's sandboxes stay (its revision is unchanged), the
  // deleted version's retire when idle.
  const fn = await getFunctionOrThrow(ctx, name);
  ctx.functionChanged({ id: fn.id, name, revision: fn.revision });
}
