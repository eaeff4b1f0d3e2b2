import type { ServiceContext } from "../context";
import { parseInput } from "../validate";
import { recordAudit } from "../audit/record";
import { newAccessKeyId, newSecretAccessKey } from "./generate";
import { toAccessKeyRecord, type AccessKeyRecord } from "./record";
import { createAccessKeyInput, type CreateAccessKeyInput } from "./schemas";

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
      data: { id, description, secretCipher: new Uint8Array(ctx.secretCipher.seal(secretAccessKey, id)) },
    });
    await recordAudit(tx, ctx, "access-key.create", id, { description });
    return created;
  });
  ctx.accessKeyChanged?.(id); // a cached "unknown key" answer must not outlive the key's creation
  return { key: toAccessKeyRecord(row), secretAccessKey };
}
