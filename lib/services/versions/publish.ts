import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { assertRevisionId } from "@/lib/services/functions/revision";
import { recordAudit } from "@/lib/services/audit/record";
import { actorLabel } from "@/lib/services/audit/actor";
import { toVersionRecord } from "@/lib/services/versions/record";
import { publishInput, type PublishInput } from "@/lib/services/versions/schemas";
import type { FunctionRecord } from "@/lib/services/functions/record";
import { frozenState } from "@/lib/services/versions/frozen";

/**
 * PublishVersion: freezes $LATEST's code (the sealed package, shared — not copied) and configuration
 * as the next version number. Nothing changed since the last version: that version, as Lambda
 * answers. `codeSha256` / `revisionId` make it conditional on what the caller last saw.
 */
export async function publishVersion(ctx: ServiceContext, name: string, input: PublishInput = {}) {
  const opts = parseInput(publishInput, input);
  const fn = await getFunctionOrThrow(ctx, name);
  assertRevisionId(fn, opts.revisionId);
  if (opts.codeSha256 !== undefined && opts.codeSha256 !== fn.codeSha256)
    throw new AppError(
      "InvalidParameterValueException",
      `CodeSHA256 (${opts.codeSha256}) is different from current CodeSHA256 in $LATEST (${fn.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  return ctx.db.$transaction(async (tx) => {
    // Locks the function row: concurrent publishers get consecutive numbers, never the same one.
    const locked = await tx.fn.update({ where: { id: fn.id }, data: { lastVersion: { increment: 0 } } });
    const last = locked.lastVersion
      ? await tx.functionVersion.findUnique({
          where: { functionId_version: { functionId: fn.id, version: locked.lastVersion } },
        })
      : null;
    if (last && frozenState(locked) === frozenState(last))
      return { created: false, version: toVersionRecord(locked, last) };
    const number = locked.lastVersion + 1;
    await tx.fn.update({ where: { id: fn.id }, data: { lastVersion: number } });
    const row = await tx.functionVersion.create({
      data: {
        functionId: fn.id,
        version: number,
        description: opts.description ?? locked.description,
        runtime: locked.runtime,
        handler: locked.handler,
        memoryMb: locked.memoryMb,
        timeoutSec: locked.timeoutSec,
        ephemeralStorageMb: locked.ephemeralStorageMb,
        instanceConcurrency: locked.instanceConcurrency,
        tracingMode: locked.tracingMode,
        deadLetterTargetArn: locked.deadLetterTargetArn,
        egressMode: locked.egressMode,
        egressAllow: locked.egressAllow,
        environment: locked.environment ?? {},
        secretNames: locked.secretNames,
        sealedSecrets: locked.sealedSecrets,
        codeSha256: locked.codeSha256,
        codeSize: locked.codeSize,
        createdBy: actorLabel(ctx.actor),
      },
    });
    await recordAudit(tx, ctx, "function.publish-version", fn.name, {
      version: number,
      codeSha256: row.codeSha256,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
    });
    return { created: true, version: toVersionRecord(locked, row) };
  }) as Promise<{ created: boolean; version: FunctionRecord }>;
}
