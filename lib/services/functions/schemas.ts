/** Validation for the function model, with Lambda's rules and messages. */
import { z } from "zod";
import { QUEUE_ARN } from "@/lib/message-queues/arn";
import { tags } from "@/lib/services/tags/schemas";
import { sandboxNode } from "@/lib/executor/sandbox-node";
import { allowEntryProblem, canonicalName, MAX_ALLOW_ENTRIES } from "@/lib/executor/network/allow";

/**
 * What runs user code here (the pinned LTS, see scripts/install-runtime.mjs), and the older
 * Node.js runtimes accepted in its place: they are upgraded to the one that runs, and recorded
 * as such — code written for nodejs20.x runs on Node 24, and the API says nodejs24.x, not a
 * runtime this server does not have. Asked on first use, not when this file is imported
 * (finding the runtime reads the file system).
 */
let runtimes: { current: string; accepted: string[] } | null = null;
export function functionRuntimes(): { current: string; accepted: string[] } {
  if (!runtimes) {
    const { id, major } = sandboxNode();
    const accepted = ["nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x"].filter(
      (r) => Number(r.slice(6, 8)) <= major,
    );
    runtimes = { current: id, accepted };
  }
  return runtimes;
}

/** Names the Lambda runtime reserves; setting them is refused, as Lambda does. */
export const RESERVED_ENV_KEYS = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

export const functionName = z
  .string()
  .min(1, "Function name must be between 1 and 64 characters")
  .max(64, "Function name must be between 1 and 64 characters")
  .regex(/^[a-zA-Z0-9_-]+$/, "Function name may contain only letters, digits, hyphens (-) and underscores (_)");

export const memoryMb = z
  .number()
  .int("Memory must be a whole number of MB")
  .min(128, "Memory must be between 128 and 10240 MB")
  .max(10240, "Memory must be between 128 and 10240 MB");
export const ephemeralStorageMb = z
  .number()
  .int("Ephemeral storage must be a whole number of MB")
  .min(512, "Ephemeral storage must be between 512 and 10240 MB")
  .max(10240, "Ephemeral storage must be between 512 and 10240 MB");
/** DeadLetterConfig.TargetArn: a Nimbus queue's SQS ARN; null removes it. */
export const deadLetterTargetArn = z
  .string()
  .regex(QUEUE_ARN, "DeadLetterConfig.TargetArn must be an SQS queue ARN (topics are not supported here)")
  .nullable();

export const tracingMode = z.enum(["Active", "PassThrough"], {
  error: "TracingConfig.Mode must be Active or PassThrough",
});

/** The most calls one instance may run at once (docs/architecture.md, "Instance concurrency"). */
export const MAX_INSTANCE_CONCURRENCY = 64;
export const instanceConcurrency = z
  .number()
  .int("Instance concurrency must be a whole number")
  .min(1, `Instance concurrency must be between 1 and ${MAX_INSTANCE_CONCURRENCY}`)
  .max(MAX_INSTANCE_CONCURRENCY, `Instance concurrency must be between 1 and ${MAX_INSTANCE_CONCURRENCY}`);
export const timeoutSec = z
  .number()
  .int("Timeout must be a whole number of seconds")
  .min(1, "Timeout must be between 1 and 300 seconds")
  .max(300, "Timeout must be between 1 and 300 seconds");
export const handler = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\s]+$/, "Handler must not contain whitespace")
  .regex(/\.[^./]+$/, "Handler must look like file.export, e.g. index.handler");
export const description = z.string().max(256, "Description must be at most 256 characters");
export const runtime = z
  .string()
  .superRefine((r, ctx) => {
    const { current, accepted } = functionRuntimes();
    if (accepted.includes(r) || r === current) return;
    ctx.addIssue({
      code: "custom",
      message:
        `Runtime is not supported; this server runs ${current} ` +
        `(and accepts ${accepted.join(", ")}, recorded as ${current})`,
    });
  })
  .transform(() => functionRuntimes().current);

export const environment = z.record(z.string(), z.string()).superRefine((vars, ctx) => {
  const reserved: string[] = [];
  for (const key of Object.keys(vars)) {
    if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(key))
      ctx.addIssue({
        code: "custom",
        message:
          `Environment variable name ${JSON.stringify(key)} is invalid: ` +
          "use letters, digits and _, starting with a letter",
      });
    if (RESERVED_ENV_KEYS.has(key)) reserved.push(key);
  }
  if (reserved.length)
    ctx.addIssue({
      code: "custom",
      message:
        "Lambda was unable to configure your environment variables because the environment variables " +
        "you have provided contains reserved keys that are currently not supported for modification. " +
        `Reserved keys used in this request: ${reserved.join(", ")}`,
    });
  const size = Object.entries(vars).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > 4096)
    ctx.addIssue({ code: "custom", message: `Environment variables exceed the 4 KB limit (${size} bytes)` });
});

/** Outbound network (console only: the Lambda API has no such field; docs/network.md). */
export const egressMode = z.enum(["internet", "none", "allow-list"], {
  error: "egressMode must be internet, none or allow-list",
});
export const egressAllow = z
  .array(z.string({ error: "egressAllow must be a list of host names" }), {
    error: "egressAllow must be a list of host names",
  })
  .max(MAX_ALLOW_ENTRIES, `egressAllow may hold at most ${MAX_ALLOW_ENTRIES} host names`)
  .superRefine((list, ctx) => {
    for (const entry of list) {
      const problem = allowEntryProblem(entry);
      if (problem) ctx.addIssue({ code: "custom", message: `egressAllow: ${problem}` });
    }
  })
  .transform((list) => [...new Set(list.map(canonicalName))]);

export const createFunctionInput = z.object({
  name: functionName,
  description: description.default(""),
  runtime: runtime.default(() => functionRuntimes().current),
  handler: handler.default("index.handler"),
  memoryMb: memoryMb.default(128),
  ephemeralStorageMb: ephemeralStorageMb.default(512),
  instanceConcurrency: instanceConcurrency.default(1),
  tracingMode: tracingMode.default("PassThrough"),
  deadLetterTargetArn: deadLetterTargetArn.default(null),
  timeoutSec: timeoutSec.default(3),
  environment: environment.default({}),
  secretNames: z.array(z.string()).optional(),
  egressMode: egressMode.default("internet"),
  egressAllow: egressAllow.default([]),
  tags: tags.default({}),
  zip: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "Code is required" }),
});
export type CreateFunctionInput = z.input<typeof createFunctionInput>;

export const updateConfigurationInput = z.object({
  description: description.optional(),
  runtime: runtime.optional(),
  handler: handler.optional(),
  memoryMb: memoryMb.optional(),
  ephemeralStorageMb: ephemeralStorageMb.optional(),
  instanceConcurrency: instanceConcurrency.optional(),
  tracingMode: tracingMode.optional(),
  deadLetterTargetArn: deadLetterTargetArn.optional(),
  timeoutSec: timeoutSec.optional(),
  environment: environment.optional(),
  /** Console only: which variables are secret (the AWS API keeps the function's current list). */
  secretNames: z.array(z.string(), { error: "secretNames must be a list of variable names" }).optional(),
  /** Console only, as are the next: the function's outbound network. */
  egressMode: egressMode.optional(),
  egressAllow: egressAllow.optional(),
  /** The RevisionId the caller read: a change since then is refused (412). */
  revisionId: z.string().max(64).optional(),
});
export type UpdateConfigurationInput = z.input<typeof updateConfigurationInput>;

export const reservedConcurrency = z
  .number()
  .int("Reserved concurrency must be a whole number")
  .min(0, "Reserved concurrency must be at least 0");
