/** Hands a sandbox its function: the code (read through the resolver's cache) and what the instances need. */
import { runtimeError } from "@/lib/executor/errors";
import { functionEnvironment } from "@/lib/executor/function-env";
import type { Sandbox } from "@/lib/executor/sandbox";
import type { FunctionSpec, SerializedError } from "@/lib/executor/types";
import type { Logger } from "@/lib/log";

export async function assignFunction(sb: Sandbox, spec: FunctionSpec, log: Logger): Promise<void> {
  try {
    const files = await spec.loadCode();
    // User code runs only once the sandbox's network is attached (it is, long since, when pre-spawned).
    await sb.networkReady;
    sb.assign(files, {
      functionName: spec.functionName,
      version: spec.version,
      memoryMb: spec.memoryMb,
      handler: spec.handler,
      env: functionEnvironment(spec, sb.insideCodeDir, sb.id),
      arn: spec.arn,
      logGroupName: `/aws/lambda/${spec.functionName}`,
      ...((spec.instanceConcurrency ?? 1) > 1 ? { concurrency: spec.instanceConcurrency } : {}),
    });
  } catch (err) {
    log.error(`could not assign sandbox: ${(err as Error).message}`, {
      functionName: spec.functionName,
      sandbox: sb.id,
    });
    sb.kill();
    throw err;
  }
}

/** Waits for the sandbox to have its function; why a call cannot run on it, or null when it can. */
export async function whyUnready(sb: Sandbox, requestId: string): Promise<SerializedError | null> {
  try {
    if (sb.assigned) await sb.assigned;
  } catch (err) {
    const why = `the function's code could not be prepared: ${(err as Error).message}`;
    return runtimeError("Sandbox.CodeUnavailable", `RequestId: ${requestId} Error: ${why}`);
  }
  if (sb.state !== "dead") return null;
  const why = `the sandbox failed to start: ${sb.stderr.slice(-500)}`;
  return runtimeError("Runtime.ExitError", `RequestId: ${requestId} Error: ${why}`);
}
