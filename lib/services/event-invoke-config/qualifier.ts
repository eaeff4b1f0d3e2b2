import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { functionArnOf } from "@/lib/services/function-urls/arn";
import { isVersionNumber } from "@/lib/services/versions/record";

/**
 * The qualifier an EventInvokeConfig belongs to: $LATEST (none given), a published version or an
 * alias — each has its own, as on Lambda. One that does not exist is a function that does not.
 */
export async function configQualifier(
  ctx: ServiceContext,
  fn: { id: string; name: string },
  qualifier: string | null | undefined,
): Promise<string> {
  if (!qualifier || qualifier === "$LATEST") return "$LATEST";
  const exists = isVersionNumber(qualifier)
    ? await ctx.db.functionVersion.findUnique({
        where: { functionId_version: { functionId: fn.id, version: Number(qualifier) } },
        select: { version: true },
      })
    : await ctx.db.functionAlias.findUnique({
        where: { functionId_name: { functionId: fn.id, name: qualifier } },
        select: { name: true },
      });
  if (!exists) throw notFound(`Function not found: ${functionArnOf(ctx, fn.name)}:${qualifier.slice(0, 128)}`);
  return qualifier;
}

export const missingConfig = (name: string, qualifier: string) =>
  notFound(`The function ${name}${qualifier === "$LATEST" ? "" : `:${qualifier}`} doesn't have an EventInvokeConfig`);
