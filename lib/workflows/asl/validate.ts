import aslValidator from "asl-validator";
import { JSONPath } from "jsonpath-plus";
import { checkStructure, type StructureProblem } from "@/lib/workflows/asl/definition-checks";
import {
  escapePointer,
  type JsonLocation,
  locateJson,
  positionOf,
  valueAtPointer,
} from "@/lib/workflows/asl/json-locate";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";

/** One problem with a definition, located by JSON pointer and (when known) 1-based line/column. */
export interface Diagnostic {
  code: string;
  message: string;
  path: string;
  line?: number;
  column?: number;
}

export interface ValidationResult {
  ok: boolean;
  definition?: StateMachineDefinition;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions {
  /** Require Task resources to be ARNs (asl-validator's check); on by default. */
  checkArn?: boolean;
}

/**
 * Validates a state machine definition's text: JSON syntax first, then the Amazon States
 * Language rules (asl-validator), then the structural rules the engine relies on.
 */
export function validateDefinition(text: string, options: ValidateOptions = {}): ValidationResult {
  const location = locateJson(text);
  if (location.error) {
    const { message, line, column } = location.error;
    return { ok: false, diagnostics: [{ code: "INVALID_JSON", message, path: "", line, column }] };
  }
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const diagnostic = {
      code: "SCHEMA_VALIDATION_FAILED",
      message: "A state machine definition must be a JSON object",
      path: "",
    };
    return { ok: false, diagnostics: [at(location, diagnostic)] };
  }
  const structure = checkStructure(value);
  const diagnostics = [...languageDiagnostics(value, structure, options), ...structure.map(toDiagnostic)];
  const located = diagnostics.map((d) => at(location, d));
  if (located.length > 0) return { ok: false, diagnostics: located };
  return { ok: true, definition: value as StateMachineDefinition, diagnostics: [] };
}

function toDiagnostic({ code, message, path }: StructureProblem): Diagnostic {
  return { code, message, path };
}

function languageDiagnostics(
  definition: object,
  structure: StructureProblem[],
  options: ValidateOptions,
): Diagnostic[] {
  let errors: ReturnType<typeof aslValidator>["errors"];
  try {
    // The validator writes defaults (QueryLanguage) into what it is given, so it gets a copy.
    errors = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: options.checkArn ?? true }).errors;
  } catch (error) {
    return [
      {
        code: "SCHEMA_VALIDATION_FAILED",
        message: `The definition could not be checked: ${(error as Error).message}`,
        path: "",
      },
    ];
  }
  const missingTargets = new Set(structure.map((p) => p.target).filter((t) => t !== undefined));
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const code = error["Error code"];
    const target = /(?:target|transition to target): (.*)$/.exec(error.Message)?.[1];
    // Our own transition check reports these with the exact field, so skip the global duplicates.
    if (target !== undefined && missingTargets.has(target)) continue;
    const path = error.schemaError?.instancePath ?? pathFromMessage(definition, error.Message);
    diagnostics.push({ code, message: error.Message, path });
  }
  return diagnostics;
}

/** asl-validator names states (and nested machines as "fsmN") in its messages; find them. */
function pathFromMessage(definition: object, message: string): string {
  const containers = JSONPath({ path: "$..States", json: definition, resultType: "pointer" }) as string[];
  const machine = /^State machine fsm(\d+) /.exec(message);
  if (machine) return containers[Number(machine[1]) - 1]?.replace(/\/States$/, "") ?? "";
  const name =
    /^State "(.+?)" /.exec(message)?.[1] ??
    /^State (.+) is not reachable$/.exec(message)?.[1] ??
    /already exists: (.+)$/.exec(message)?.[1];
  if (name === undefined) return "";
  const holders = containers.filter((pointer) => {
    const states = valueAtPointer(definition, pointer);
    return states !== null && typeof states === "object" && Object.hasOwn(states as object, name);
  });
  // A duplicate name is reported where it appears the second time.
  const holder = message.includes("already exists") ? (holders[1] ?? holders[0]) : holders[0];
  return holder === undefined ? "" : `${holder}/${escapePointer(name)}`;
}

function at(location: JsonLocation, diagnostic: Diagnostic): Diagnostic {
  const position = positionOf(location, diagnostic.path);
  return position ? { ...diagnostic, line: position.line, column: position.column } : diagnostic;
}
