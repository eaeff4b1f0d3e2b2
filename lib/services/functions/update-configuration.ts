import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { assertRevisionId } from "@/lib/services/functions/revision";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { updateConfigurationInput, type UpdateConfigurationInput } from "@/lib/services/functions/schemas";
import { storeEnvironment } from "@/lib/services/functions/secrets";
import { checkDeadLetterTarget } from "@/lib/services/functions/dead-letter-target";
import { changedFields, recordAudit } from "@/lib/services/audit/record";

/** New configuration: a new revision, so new requests get instances with the new settings. */
export async function updateFunctionConfiguration(
  ctx: ServiceContext,
  name: string,
  input: UpdateConfigurationInput,
): Promise<FunctionRecord> {
  const data = parseInput(updateConfigurationInput, input);
  const current = await getFunctionOrThrow(ctx, name);
  const { environment, secretNames, revisionId, ...fields } = data;
  assertRevisionId(current, revisionId);
  await checkDeadLetterTarget(ctx, fields.deadLetterTargetArn);
  const env =
    environment !== undefined || secretNames !== undefined
      ? storeEnvironment(ctx.dataCipher, current, environment ?? current.environment, secretNames)
      : null;
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.fn.update({
      where: { id: current.id },
      data: {
        ...fields,
        ...(env
          ? { environment: env.environment, secretNames: env.secretNames, sealedSecrets: env.sealedSecrets }
          : {}),
        revision: { increment: 1 },
        updatedAt: new Date(),
      },
    });
    const details: Record<string, unknown> = {
      changes: changedFields(current as unknown as Record<string, unknown>, fields),
    };
    if (env) {
      const { added, removed, changed } = env.diff;
      if (added.length + removed.length + changed.length) details.variables = env.diff;
      const secretsChanged = changedFields({ secretNames: current.secretNames }, { secretNames: env.secretNames });
      Object.assign(details.changes as object, secretsChanged);
    }
    await recordAudit(tx, ctx, "function.update-configuration", current.name, details);
    return updated;
  });
  const fn = toRecord(row);
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision, record: fn });
  return fn;
}
