/**
 * Checks a definition the way CreateStateMachine and ValidateStateMachineDefinition do: the
 * language (lib/workflows/asl/validate.ts, with where each problem is in the text), and what
 * Nimbus can run — every Task's Resource must be a function or lambda:invoke.
 */
import { AppError } from "@/lib/errors";
import type { Diagnostic } from "@/lib/workflows/asl/validate";
import { validateDefinition } from "@/lib/workflows/asl/validate";
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import { parseResource } from "@/lib/workflows/engine/tasks";

export interface DefinitionCheck {
  ok: boolean;
  definition?: StateMachineDefinition;
  diagnostics: Diagnostic[];
}

export function checkDefinition(text: string, type: "STANDARD" | "EXPRESS" = "STANDARD"): DefinitionCheck {
  // Resources are checked below by what Nimbus runs (a bare function name too), not by ARN shape.
  const r = validateDefinition(text, { checkArn: false });
  if (!r.ok || !r.definition) return { ok: false, diagnostics: r.diagnostics };
  const diagnostics: Diagnostic[] = [];
  walkTasks(r.definition.States as unknown as Record<string, Record<string, unknown>>, "/States", (state, path) => {
    const resource = parseResource(String(state.Resource ?? ""));
    if ("unsupported" in resource)
      diagnostics.push({ code: "UNSUPPORTED_RESOURCE", message: resource.unsupported, path: `${path}/Resource` });
    else if (type === "EXPRESS" && resource.kind === "lambda:invoke" && resource.waitForToken)
      diagnostics.push({
        code: "UNSUPPORTED_INTEGRATION_PATTERN",
        message: "Express state machines do not support .waitForTaskToken",
        path: `${path}/Resource`,
      });
  });
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, definition: r.definition, diagnostics };
}

function walkTasks(
  states: Record<string, Record<string, unknown>>,
  base: string,
  visit: (state: Record<string, unknown>, path: string) => void,
): void {
  for (const [name, state] of Object.entries(states)) {
    const path = `${base}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (state.Type === "Task") visit(state, path);
    const branches = (state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? [];
    for (const [i, b] of branches.entries()) walkTasks(b.States, `${path}/Branches/${i}/States`, visit);
    const processor = (state.ItemProcessor ?? state.Iterator) as
      | { States?: Record<string, Record<string, unknown>> }
      | undefined;
    if (processor?.States)
      walkTasks(processor.States, `${path}/${state.ItemProcessor ? "ItemProcessor" : "Iterator"}/States`, visit);
  }
}

/** The definition, or InvalidDefinition naming its first problems. */
export function definitionOrThrow(text: string, type: "STANDARD" | "EXPRESS"): StateMachineDefinition {
  const r = checkDefinition(text, type);
  if (r.ok && r.definition) return r.definition;
  const list = r.diagnostics
    .slice(0, 5)
    .map((d) => `${d.code}: ${d.message}${d.line ? ` at line ${d.line}` : ""}`)
    .join("; ");
  throw new AppError("InvalidParameterValueException", `Invalid State Machine Definition: '${list}'`, {
    sfnCode: "InvalidDefinition",
  });
}
