import { randomUUID } from "node:crypto";
import { conflict } from "@/lib/errors";
import { readPackage, sha256Base64 } from "@/lib/code/package";
import type { ServiceContext } from "@/lib/services/context";
import { checkDeadLetterTarget } from "@/lib/services/functions/dead-letter-target";
import { parseInput } from "@/lib/services/validate";
import { createFunctionInput, type CreateFunctionInput } from "@/lib/services/functions/schemas";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { isUniqueViolation, storeCodePackage } from "@/lib/services/functions/store-code";
import { storeEnvironment } from "@/lib/services/functions/secrets";
import { recordAudit } from "@/lib/services/audit/record";

export async function createFunction(ctx: ServiceContext, input: CreateFunctionInput): Promise<FunctionRecord> {
  const data = parseInput(createFunctionInput, input);
  readPackage(data.zip); // refuse unusable packages before anything is stored
  await checkDeadLetterTarget(ctx, data.deadLetterTargetArn);
  const sha = sha256Base64(data.zip);
  const env = storeEnvironment(ctx.dataCipher, null, data.environment, data.secretNames);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      await storeCodePackage(tx, sha, data.zip, ctx.dataCipher);
      const created = await tx.fn.create({
        data: {
          id: randomUUID(),
          name: data.name,
          description: data.description,
          runtime: data.runtime,
          handler: data.handler,
          memoryMb: data.memoryMb,
          ephemeralStorageMb: data.ephemeralStorageMb,
          instanceConcurrency: data.instanceConcurrency,
          tracingMode: data.tracingMode,
          deadLetterTargetArn: data.deadLetterTargetArn,
          timeoutSec: data.timeoutSec,
          egressMode: data.egressMode,
          egressAllow: data.egressAllow,
          tags: data.tags,
          environment: env.environment,
          secretNames: env.secretNames,
          sealedSecrets: env.sealedSecrets,
          codeSha256: sha,
          codeSize: data.zip.byteLength,
        },
      });
      await recordAudit(tx, ctx, "function.create", created.name, {
        runtime: created.runtime,
        handler: created.handler,
        memoryMb: created.memoryMb,
        timeoutSec: created.timeoutSec,
        codeSha256: sha,
        variables: Object.keys(data.environment),
        secretNames: env.secretNames,
        ...(Object.keys(data.tags).length ? { tags: data.tags } : {}),
      });
      return created;
    });
    const fn = toRecord(row);
    ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision, record: fn, zip: data.zip });
    return fn;
  } catch (err) {
    if (isUniqueViolation(err, "name")) throw conflict(`Function already exist: ${data.name}`);
    throw err;
  }
}
