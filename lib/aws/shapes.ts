/** AWS Lambda API shapes built from our records. */
import type { FunctionRecord } from "@/lib/services/functions/record";
import { revisionId } from "@/lib/services/functions/revision";
import { stateMachineArn } from "@/lib/workflows/arn";

export { revisionId };

export interface ShapeContext {
  region: string;
  accountId: string;
}

/** Lambda's LastModified format: 2019-10-21T16:28:37.312+0000 */
export function lambdaTimestamp(d: Date): string {
  return d.toISOString().replace("Z", "+0000");
}

export function functionArn(ctx: ShapeContext, name: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

/**
 * What a schedule or an event source mapping targets, as an ARN: its function's (with the
 * qualifier, when there is one) or its state machine's.
 */
export function targetArn(
  ctx: ShapeContext,
  t: { functionName: string | null; stateMachineName: string | null },
  qualifier: string | null,
): string {
  if (t.stateMachineName) return stateMachineArn(ctx.region, ctx.accountId, t.stateMachineName);
  const fn = functionArn(ctx, t.functionName ?? "");
  return qualifier ? `${fn}:${qualifier}` : fn;
}

/** A function that runs several calls per instance reads as a Lambda Managed Instances one; the server is its provider. */
function capacityProviderConfig(ctx: ShapeContext, concurrency: number) {
  return {
    LambdaManagedInstancesCapacityProviderConfig: {
      CapacityProviderArn: `arn:aws:lambda:${ctx.region}:${ctx.accountId}:capacity-provider:nimbus`,
      PerExecutionEnvironmentMaxConcurrency: concurrency,
    },
  };
}

export function toFunctionConfiguration(ctx: ShapeContext, fn: FunctionRecord) {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.version === "$LATEST" ? functionArn(ctx, fn.name) : `${functionArn(ctx, fn.name)}:${fn.version}`,
    Runtime: fn.runtime,
    Role: `arn:aws:iam::${ctx.accountId}:role/nimbus-execution-role`,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeoutSec,
    MemorySize: fn.memoryMb,
    LastModified: lambdaTimestamp(fn.updatedAt),
    CodeSha256: fn.codeSha256,
    Version: fn.version,
    Environment: { Variables: fn.environment },
    TracingConfig: { Mode: fn.tracingMode },
    RevisionId: revisionId(fn),
    State: fn.state,
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: [process.arch === "arm64" ? "arm64" : "x86_64"],
    EphemeralStorage: { Size: fn.ephemeralStorageMb },
    ...(fn.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: fn.deadLetterTargetArn } } : {}),
    ...(fn.instanceConcurrency > 1
      ? { CapacityProviderConfig: capacityProviderConfig(ctx, fn.instanceConcurrency) }
      : {}),
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${fn.name}` },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
  };
}
