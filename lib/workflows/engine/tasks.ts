/**
 * What a Task state's Resource does. Three forms reach a Nimbus function: its ARN (or name,
 * with an optional version or alias) directly — the state's input is the event and the result the
 * handler's return value; `arn:aws:states:::lambda:invoke`, whose Parameters/Arguments name
 * FunctionName, Payload and Qualifier and whose result is the Invoke response (Payload,
 * StatusCode, ExecutedVersion, …); and `…lambda:invoke.waitForTaskToken`, which invokes
 * asynchronously and waits for SendTaskSuccess/Failure with `$$.Task.Token`.
 * A function's error becomes the state's error: its errorType as the name, the error payload as the cause.
 */
import { StatesError } from "@/lib/workflows/asl/errors";

export interface FunctionCallResult {
  payload: Buffer;
  /** The error the handler raised (its payload is `{errorType, errorMessage, trace}`). */
  errorType?: string;
  executedVersion: string;
  requestId: string;
}

/** How the engine reaches functions (the platform gives it the invoker). */
export interface TaskPort {
  invoke(
    functionRef: string,
    qualifier: string | undefined,
    payload: Buffer,
    opts: { requestId: string; async: boolean; traceId: string; parentSpanId: string },
  ): Promise<FunctionCallResult>;
}

export type TaskResource = { kind: "function"; functionRef: string } | { kind: "lambda:invoke"; waitForToken: boolean };

const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9$_-]+)?$/;
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]+)?$/;

/** The resource a Task names, or why Nimbus cannot run it. */
export function parseResource(resource: string): TaskResource | { unsupported: string } {
  if (resource === LAMBDA_INVOKE) return { kind: "lambda:invoke", waitForToken: false };
  if (resource === `${LAMBDA_INVOKE}.waitForTaskToken`) return { kind: "lambda:invoke", waitForToken: true };
  if (FUNCTION_ARN.test(resource) || FUNCTION_NAME.test(resource)) return { kind: "function", functionRef: resource };
  return {
    unsupported:
      `Nimbus runs Task resources that are a function (its ARN or name), ${LAMBDA_INVOKE} ` +
      `or ${LAMBDA_INVOKE}.waitForTaskToken; not ${resource.slice(0, 200)}`,
  };
}

export interface TaskCall {
  resource: TaskResource;
  /** The state's effective input (Parameters/Arguments applied). */
  input: unknown;
  requestId: string;
  traceId: string;
  /** The state's span: the invocation's parent in the execution's trace. */
  parentSpanId: string;
}

/** Runs one attempt; resolves with the state's result (a token task: the invoke's response), or throws a StatesError. */
export async function runTask(port: TaskPort, call: TaskCall): Promise<unknown> {
  const { resource, input } = call;
  if (resource.kind === "function") {
    const out = await invokeOrThrow(port, resource.functionRef, undefined, input, call, false);
    return parsePayload(out.payload);
  }
  const args = (input ?? {}) as Record<string, unknown>;
  if (typeof args !== "object" || typeof args.FunctionName !== "string")
    throw new StatesError(
      "States.Runtime",
      "lambda:invoke needs a FunctionName (a string) in its Parameters or Arguments",
    );
  const qualifier = typeof args.Qualifier === "string" ? args.Qualifier : undefined;
  const payload = "Payload" in args ? args.Payload : {};
  const async = resource.waitForToken || args.InvocationType === "Event";
  const out = await invokeOrThrow(port, args.FunctionName, qualifier, payload, call, async);
  return {
    ExecutedVersion: out.executedVersion,
    Payload: async ? "" : parsePayload(out.payload),
    SdkHttpMetadata: {
      HttpHeaders: { "Content-Type": "application/json", "X-Amz-Executed-Version": out.executedVersion },
      HttpStatusCode: async ? 202 : 200,
    },
    SdkResponseMetadata: { RequestId: out.requestId },
    StatusCode: async ? 202 : 200,
  };
}

async function invokeOrThrow(
  port: TaskPort,
  ref: string,
  qualifier: string | undefined,
  input: unknown,
  call: TaskCall,
  async: boolean,
): Promise<FunctionCallResult> {
  let out: FunctionCallResult;
  try {
    out = await port.invoke(ref, qualifier, Buffer.from(JSON.stringify(input ?? null)), {
      requestId: call.requestId,
      async,
      traceId: call.traceId,
      parentSpanId: call.parentSpanId,
    });
  } catch (err) {
    const e = err as Error & { code?: string };
    // Platform errors carry Lambda's exception names, as Step Functions reports them.
    throw new StatesError(`Lambda.${e.code ?? "ServiceException"}`, e.message);
  }
  if (out.errorType !== undefined) throw new StatesError(out.errorType || "Error", out.payload.toString("utf8"));
  return out;
}

/** A state's result is at most 256 KiB, as on Step Functions. */
const MAX_RESULT_BYTES = 256 * 1024;

function parsePayload(payload: Buffer): unknown {
  if (payload.byteLength === 0) return null;
  if (payload.byteLength > MAX_RESULT_BYTES)
    throw new StatesError(
      "States.DataLimitExceeded",
      `The task's result is ${payload.byteLength} bytes, more than the ${MAX_RESULT_BYTES} a state's result may be`,
    );
  const text = payload.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
