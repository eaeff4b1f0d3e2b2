import type { Fn, FunctionVersion } from "@/lib/generated/prisma/client";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";

/**
 * A published version as a FunctionRecord: the function's identity with the version's code and
 * configuration. Versions never change, so their revision is fixed and their time is creation.
 */
export function toVersionRecord(fnRow: Fn, v: FunctionVersion): FunctionRecord {
  const record = toRecord({
    ...fnRow,
    description: v.description,
    runtime: v.runtime,
    handler: v.handler,
    memoryMb: v.memoryMb,
    timeoutSec: v.timeoutSec,
    ephemeralStorageMb: v.ephemeralStorageMb,
    instanceConcurrency: v.instanceConcurrency,
    tracingMode: v.tracingMode,
    deadLetterTargetArn: v.deadLetterTargetArn,
    egressMode: v.egressMode,
    egressAllow: v.egressAllow,
    environment: v.environment,
    secretNames: v.secretNames,
    sealedSecrets: v.sealedSecrets,
    codeSha256: v.codeSha256,
    codeSize: v.codeSize,
    revision: 1,
    createdAt: v.createdAt,
    updatedAt: v.createdAt,
  });
  record.version = String(v.version); // set in place: the sealed secrets ride on this object
  return record;
}

/** A qualifier that names a published version ("1", "42"); "$LATEST" and alias names do not. */
export const isVersionNumber = (q: string) => /^[1-9]\d{0,9}$/.test(q);
