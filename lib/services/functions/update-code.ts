import { readPackage, sha256Base64 } from "@/lib/code/package";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { dropUnusedCodePackage, storeCodePackage } from "@/lib/services/functions/store-code";
import { recordAudit } from "@/lib/services/audit/record";
import { assertRevisionId } from "@/lib/services/functions/revision";

/** New code: a new revision. Invocations in flight finish on the old instances. */
export async function updateFunctionCode(
  ctx: ServiceContext,
  name: string,
  zip: Uint8Array,
  opts: { revisionId?: string } = {},
): Promise<FunctionRecord> {
  const current = await getFunctionOrThrow(ctx, name);
  assertRevisionId(current, opts.revisionId);
  readPackage(zip);
  const sha = sha256Base64(zip);
  const row = await ctx.db.$transaction(async (tx) => {
    await storeCodePackage(tx, sha, zip, ctx.dataCipher);
    const updated = await tx.fn.update({
      where: { id: current.id },
      data: { codeSha256: sha, codeSize: zip.byteLength, revision: { increment: 1 }, updatedAt: new Date() },
    });
    if (current.codeSha256 !== sha) await dropUnusedCodePackage(tx, current.codeSha256);
    await recordAudit(tx, ctx, "function.update-code", current.name, {
      codeSha256: { from: current.codeSha256, to: sha },
      codeSize: { from: current.codeSize, to: zip.byteLength },
    });
    return updated;
  });
  const fn = toRecord(row);
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision, record: fn, zip });
  return fn;
}
