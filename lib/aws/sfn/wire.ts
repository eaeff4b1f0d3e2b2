/**
 * Reading a Step Functions request's members with its own error (ValidationException), and the
 * shapes its JSON protocol uses: timestamps are epoch seconds, tags a list of {key, value}.
 */
import { AppError } from "@/lib/errors";
import { type ParsedArn, parseStatesArn } from "@/lib/workflows/arn";

export type Input = Record<string, unknown>;

export function validation(message: string): AppError {
  return new AppError("InvalidParameterValueException", message, { sfnCode: "ValidationException" });
}

export function required(input: Input, name: string): string {
  const v = input[name];
  if (v === undefined || v === null || v === "")
    throw validation(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  if (typeof v !== "string") throw validation(`Value for ${name} must be a string`);
  return v;
}

export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw validation(`Value for ${name} must be a string`);
  return v;
}

export function optionalInt(input: Input, name: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw validation(`Value for ${name} must be an integer from ${min} to ${max}`);
  return v;
}

export function optionalBool(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw validation(`Value for ${name} must be a boolean`);
  return v;
}

/** Epoch seconds with milliseconds, as awsJson1_0 writes timestamps. */
export const epoch = (d: Date) => d.getTime() / 1000;

export function tagsIn(input: Input, name = "tags"): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw validation(`Value for ${name} must be a list of {key, value}`);
  const out: Record<string, string> = {};
  for (const t of v as { key?: unknown; value?: unknown }[]) {
    if (typeof t?.key !== "string") throw validation(`Each tag needs a key`);
    out[t.key] = typeof t.value === "string" ? t.value : "";
  }
  return out;
}

export const tagsOut = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** The state machine a `stateMachineArn` member names. */
export function machineNameIn(input: Input, member = "stateMachineArn"): string {
  const arn = required(input, member);
  const parsed = parseStatesArn(arn);
  if (parsed?.kind !== "stateMachine") throw invalidArn(arn);
  return parsed.name;
}

export function executionArnIn(input: Input): { arn: string; parsed: Extract<ParsedArn, { kind: "execution" }> } {
  const arn = required(input, "executionArn");
  const parsed = parseStatesArn(arn);
  if (parsed?.kind !== "execution") throw invalidArn(arn);
  // Step Functions keeps no history of Express executions behind its API (the console shows them here).
  if (parsed.expressId)
    throw new AppError(
      "InvalidParameterValueException",
      "Invalid Arn: 'Resource type not valid in this context: express'",
      {
        sfnCode: "InvalidArn",
      },
    );
  return { arn, parsed };
}

export function invalidArn(arn: string): AppError {
  return new AppError("InvalidParameterValueException", `Invalid Arn: '${arn.slice(0, 300)}'`, {
    sfnCode: "InvalidArn",
  });
}
