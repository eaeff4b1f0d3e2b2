import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import type { ServiceContext } from "@/lib/services/context";
import type { AliasRecord } from "@/lib/services/aliases/record";

type Tx = Prisma.TransactionClient;

/**
 * What an alias may point at: $LATEST or a published version, plus at most one more published
 * version with a weight — Lambda's rules, with messages that say which part is wrong.
 */
export async function checkTargets(
  ctx: ServiceContext,
  tx: Tx,
  fn: { id: string; name: string },
  target: Pick<AliasRecord, "functionVersion" | "routing">,
): Promise<void> {
  const { functionVersion, routing } = target;
  if (routing) {
    if (functionVersion === "$LATEST")
      throw new AppError(
        "InvalidParameterValueException",
        "$LATEST is not supported for an alias with a routing config: point the alias at a published version",
      );
    if (routing.additionalVersion === functionVersion)
      throw new AppError(
        "InvalidParameterValueException",
        `The additional version ${routing.additionalVersion} is the alias's own version: give a different one`,
      );
  }
  const wanted = [functionVersion, ...(routing ? [routing.additionalVersion] : [])].filter((v) => v !== "$LATEST");
  if (wanted.length === 0) return;
  const found = await tx.functionVersion.findMany({
    where: { functionId: fn.id, version: { in: wanted.map(Number) } },
    select: { version: true },
  });
  const have = new Set(found.map((f) => String(f.version)));
  const missing = wanted.find((v) => !have.has(v));
  if (missing) throw notFound(`Function not found: ${functionArnOf(ctx, fn.name)}:${missing}`);
}

/** Routing config as the row stores it. */
export const routingColumns = (routing: AliasRecord["routing"]) => ({
  additionalVersion: routing?.additionalVersion ?? null,
  additionalWeight: routing?.weight ?? 0,
});
