import { describeValue, runtimeError } from "@/lib/workflows/asl/errors";
import { evaluateJsonata, expectType, isJsonataString } from "@/lib/workflows/asl/jsonata";
import type { EvalScope } from "@/lib/workflows/asl/scope";
import { readPath } from "@/lib/workflows/asl/seconds";
import { parseTimestamp } from "@/lib/workflows/asl/timestamp";
import type { WaitState } from "@/lib/workflows/asl/types";

/** Step Functions keeps delays in a signed 32-bit count of seconds; longer waits are refused. */
const MAX_DELAY_SECONDS = 2_147_483_647;

/**
 * When a Wait state ends. `input` is the state's effective input (after InputPath; in JSONata
 * the state input). A timestamp in the past means no wait at all (the returned time ≤ now).
 */
export async function waitUntil(state: WaitState, input: unknown, scope: EvalScope, now: Date): Promise<Date> {
  const until = await target(state, input, scope, now);
  if ((until.getTime() - now.getTime()) / 1000 > MAX_DELAY_SECONDS) throw runtimeError("Wait state delay is too long.");
  return until;
}

async function target(state: WaitState, input: unknown, scope: EvalScope, now: Date): Promise<Date> {
  if (state.Seconds !== undefined) {
    const seconds = await jsonataOr(state.Seconds, "Seconds", "number", input, scope);
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(`The Seconds field must be a non-negative integer, got ${describeValue(seconds)}`);
    }
    return new Date(now.getTime() + seconds * 1000);
  }
  if (state.Timestamp !== undefined) {
    const text = await jsonataOr(state.Timestamp, "Timestamp", "string", input, scope);
    return instant(
      text,
      `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
    );
  }
  if (state.SecondsPath !== undefined) {
    const seconds = readPathOr(
      input,
      state.SecondsPath,
      scope,
      "The SecondsPath parameter does not reference an input value",
    );
    const shown = `${state.SecondsPath} == ${describeValue(seconds)}`;
    if (typeof seconds !== "number" || !Number.isInteger(seconds)) {
      throw runtimeError(`The SecondsPath parameter cannot be parsed as a long value: ${shown}`);
    }
    if (seconds < 0) throw runtimeError(`The SecondsPath parameter references a negative value: ${shown}`);
    return new Date(now.getTime() + seconds * 1000);
  }
  if (state.TimestampPath !== undefined) {
    const text = readPathOr(
      input,
      state.TimestampPath,
      scope,
      "The TimestampPath parameter does not reference an input value",
    );
    return instant(
      text,
      `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${state.TimestampPath} == ${typeof text === "string" ? text : describeValue(text)}`,
    );
  }
  throw runtimeError("A Wait state needs one of Seconds, Timestamp, SecondsPath or TimestampPath");
}

async function jsonataOr(value: unknown, field: string, type: string, input: unknown, scope: EvalScope) {
  if (scope.queryLanguage !== "JSONata" || !isJsonataString(value)) return value;
  const bindings = { states: { input, context: scope.context }, variables: scope.variables };
  const result = await evaluateJsonata(value, bindings, field);
  expectType(result, type, value, field);
  return result;
}

function readPathOr(input: unknown, path: string, scope: EvalScope, missing: string): unknown {
  try {
    return readPath(input, path, scope);
  } catch {
    throw runtimeError(`${missing}: ${path}`);
  }
}

function instant(text: unknown, invalid: string): Date {
  const parsed = parseTimestamp(text);
  if (!parsed) throw runtimeError(invalid);
  return new Date(parsed.ms);
}
