import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { toAccessKeyRecord, type AccessKeyRecord } from "@/lib/services/access-keys/record";
import { accessKeyId, updateAccessKeyStatusInput } from "@/lib/services/access-keys/schemas";

/** Activates or deactivates a key; every server stops (or starts) honouring it within seconds. */
export async function updateAccessKeyStatus(
  ctx: ServiceContext,
  id: string,
  input: { status: unknown },
): Promise<AccessKeyRecord> {
  const key = parseInput(accessKeyId, id);
  const { status } = parseInput(updateAccessKeyStatusInput, input);
  const r = await ctx.db.$transaction(async (tx) => {
    const before = await tx.accessKey.findUnique({ where: { id: key }, select: { status: true } });
    const n = await tx.accessKey.updateMany({ where: { id: key }, data: { status } });
    if (before && before.status !== status)
      await recordAudit(tx, ctx, "access-key.update-status", key, { status: { from: before.status, to: status } });
    return n;
  });
  if (r.count === 0) throw notFound(`Access key not found: ${key}`);
  ctx.accessKeyChanged?.(key);
  return toAccessKeyRecord(await ctx.db.accessKey.findUniqueOrThrow({ where: { id: key } }));
}
