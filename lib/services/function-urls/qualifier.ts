import { AppError, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { functionArnOf } from "@/lib/services/function-urls/arn";

/**
 * The qualifier a URL or a policy statement belongs to: the unqualified function ($LATEST) or one
 * of its aliases, as on Lambda (a URL for an alias follows the alias as it moves). A version
 * number is refused; an alias that does not exist is a function that does not exist.
 */
export async function urlQualifier(
  ctx: ServiceContext,
  fn: { id: string; name: string },
  qualifier: string | null | undefined,
): Promise<string> {
  if (qualifier === undefined || qualifier === null || qualifier === "" || qualifier === "$LATEST") return "$LATEST";
  if (/^[0-9]+$/.test(qualifier))
    throw new AppError(
      "InvalidParameterValueException",
      `Qualifier ${qualifier.slice(0, 16)}: function URLs and their permissions are for $LATEST or an alias, not a version`,
    );
  const alias = await ctx.db.functionAlias.findUnique({
    where: { functionId_name: { functionId: fn.id, name: qualifier } },
    select: { name: true },
  });
  if (!alias) throw notFound(`Function not found: ${functionArnOf(ctx, fn.name)}:${qualifier.slice(0, 128)}`);
  return alias.name;
}
