import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { newAccessKeyId, newSecretAccessKey } from "@/lib/services/access-keys/generate";
import { toAccessKeyRecord, type AccessKeyRecord } from "@/lib/services/access-keys/record";
import { createAccessKeyInput, type CreateAccessKeyInput } from "@/lib/services/access-keys/schemas";

/** Creates an active key. The secret is in this answer and nowhere else, ever again. */
export async function createAccessKey(
  ctx: ServiceContext,
  input: CreateAccessKeyInput,
): Promise<{ key: AccessKeyRecord; secretAccessKey: string }> {
  const { description } = parseInput(createAccessKeyInput, input);
  const id = newAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.accessKey.create({
      data: { id, description, secretCipher: new Uint8Array(ctx.keyCipher.seal(secretAccessKey, id)) },
    });
    await recordAudit(tx, ctx, "access-key.create", id, { description });
    return created;
  });
  ctx.accessKeyChanged?.(id); // a cached "unknown key" answer must not outlive the key's creation
  return { key: toAccessKeyRecord(row), secretAccessKey };
}
