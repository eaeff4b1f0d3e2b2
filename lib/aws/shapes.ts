/** AWS Lambda API shapes built from our records. */
import type { FunctionRecord } from "@/lib/services/functions/record";

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

export function revisionId(fn: FunctionRecord): string {
  // Stable per (function, revision, reservation): a UUID-shaped digest, as Lambda returns.
  const hex = Buffer.from(`${fn.id}:${fn.revision}:${fn.updatedAt.getTime()}`).toString("hex").padEnd(32, "0");
  let h = 0n;
  for (const c of hex) h = (h * 31n + BigInt(c.charCodeAt(0))) & ((1n << 128n) - 1n);
  const s = h.toString(16).padStart(32, "0");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export function toFunctionConfiguration(ctx: ShapeContext, fn: FunctionRecord) {
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn(ctx, fn.name),
    Runtime: fn.runtime,
    Role: `arn:aws:iam::${ctx.accountId}:role/nimbus-execution-role`,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeoutSec,
    MemorySize: fn.memoryMb,
    LastModified: lambdaTimestamp(fn.updatedAt),
    CodeSha256: fn.codeSha256,
    Version: "$LATEST",
    Environment: { Variables: fn.environment },
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: revisionId(fn),
    State: fn.state,
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: [process.arch === "arm64" ? "arm64" : "x86_64"],
    EphemeralStorage: { Size: fn.ephemeralStorageMb },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${fn.name}` },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
  };
}
