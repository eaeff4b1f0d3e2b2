/** Inputs of the state machine verbs, as both the Step Functions API and the console give them. */
import { z } from "zod";

/** Step Functions' rule for state machine and execution names. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const RESOURCE_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;
export const resourceName = (what: string) =>
  z
    .string()
    .regex(
      RESOURCE_NAME,
      `${what} must be 1 to 80 characters without spaces, brackets, wildcards or the characters "#%\\^|~\`$&,;:/`,
    );

/** A definition is at most 1 MB (Step Functions' limit). */
export const MAX_DEFINITION_BYTES = 1024 * 1024;
/** Execution input and output are at most 256 KiB. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

const definition = z.string().min(1).max(MAX_DEFINITION_BYTES);

export const createStateMachineInput = z.object({
  name: resourceName("The state machine name"),
  definition,
  type: z.enum(["STANDARD", "EXPRESS"]).default("STANDARD"),
  roleArn: z.string().max(256).default(""),
  description: z.string().max(256).default(""),
  tracing: z.boolean().default(false),
  tags: z.record(z.string().max(128), z.string().max(256)).default({}),
});
export type CreateStateMachineInput = z.input<typeof createStateMachineInput>;

export const updateStateMachineInput = z.object({
  definition: definition.optional(),
  roleArn: z.string().max(256).optional(),
  description: z.string().max(256).optional(),
  tracing: z.boolean().optional(),
  /** Optimistic concurrency: the revision the caller last saw (the console's editor sends it). */
  revisionId: z.string().optional(),
});
export type UpdateStateMachineInput = z.input<typeof updateStateMachineInput>;

export const startExecutionInput = z.object({
  name: resourceName("The execution name").optional(),
  input: z.string().max(MAX_PAYLOAD_BYTES).default("{}"),
  traceHeader: z.string().max(256).optional(),
});
export type StartExecutionInput = z.input<typeof startExecutionInput>;
