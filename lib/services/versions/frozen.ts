import type { FunctionVersion } from "@/lib/generated/prisma/client";

/** The columns a version freezes, as both a functions row and a function_versions row hold them. */
export type FrozenColumns = Omit<FunctionVersion, "functionId" | "version" | "description" | "createdAt" | "createdBy">;

/**
 * What a version freezes, comparable: $LATEST equal to the last version publishes nothing new,
 * and the console says $LATEST has unpublished changes when they differ.
 */
export function frozenState(r: FrozenColumns): string {
  return JSON.stringify([
    r.runtime,
    r.handler,
    r.memoryMb,
    r.timeoutSec,
    r.ephemeralStorageMb,
    r.instanceConcurrency,
    r.tracingMode,
    r.deadLetterTargetArn,
    r.egressMode,
    r.egressAllow,
    r.environment,
    r.secretNames,
    r.codeSha256,
    Buffer.from(r.sealedSecrets ?? []).toString("base64"),
  ]);
}
