import { conflict, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { accessKeyId } from "@/lib/services/access-keys/schemas";

/**
 * Deletes a key for good. The root key is refused: it is the way back in when every other key
 * is gone; deactivate it, or rotate it with NIMBUS_ROOT_ACCESS_KEY_ID / _SECRET_ACCESS_KEY.
 */
export async function deleteAccessKey(ctx: ServiceContext, id: string): Promise<void> {
  const key = parseInput(accessKeyId, id);
  const row = await ctx.db.accessKey.findUnique({ where: { id: key }, select: { root: true } });
  if (!row) throw notFound(`Access key not found: ${key}`);
  if (row.root)
    throw conflict(
      "The root access key cannot be deleted; deactivate it, " +
        "or rotate it with NIMBUS_ROOT_ACCESS_KEY_ID and NIMBUS_ROOT_SECRET_ACCESS_KEY",
    );
  await ctx.db.$transaction(async (tx) => {
    await tx.accessKey.delete({ where: { id: key } });
    await recordAudit(tx, ctx, "access-key.delete", key);
  });
  ctx.accessKeyChanged?.(key);
}
