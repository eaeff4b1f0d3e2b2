import type { FunctionSpec } from "@/lib/executor/types";

/** The environment a function sees: its own variables plus the runtime's, as in Lambda. */
export function functionEnvironment(spec: FunctionSpec, codeDir: string, instanceTag: string): Record<string, string> {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return {
    ...spec.env,
    ...spec.loadSecrets?.(),
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[${spec.version}]${instanceTag.replace(/^sbx-/, "")}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    // As Lambda Managed Instances tell a handler how many calls may share its instance.
    ...((spec.instanceConcurrency ?? 1) > 1 ? { AWS_LAMBDA_MAX_CONCURRENCY: String(spec.instanceConcurrency) } : {}),
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    LAMBDA_TASK_ROOT: codeDir,
    _HANDLER: spec.handler,
    TZ: spec.env.TZ ?? ":UTC",
    LANG: "en_US.UTF-8",
    PATH: "/usr/local/bin:/usr/bin:/bin",
  };
}
