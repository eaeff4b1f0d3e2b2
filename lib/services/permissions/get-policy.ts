/** GetPolicy: the function's resource-based policy as one document, with its RevisionId. */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { urlQualifier } from "@/lib/services/function-urls/qualifier";
import { policyDocument, type PolicyStatement } from "@/lib/services/permissions/policy";
import { policyRevision } from "@/lib/services/permissions/revision";

export async function getPolicy(
  ctx: ServiceContext,
  functionName: string,
  qualifier?: string | null,
): Promise<{ policy: string; statements: PolicyStatement[]; revisionId: string }> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  await urlQualifier(ctx, fn, qualifier);
  const rows = await ctx.db.functionPermission.findMany({
    where: { functionId: fn.id },
    orderBy: { createdAt: "asc" },
  });
  if (rows.length === 0) throw notFound("The resource you requested does not exist.");
  const statements = rows.map((r) => r.statement as unknown as PolicyStatement);
  return { policy: policyDocument(statements), statements, revisionId: policyRevision(rows) };
}
