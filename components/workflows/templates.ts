/** Definitions a new state machine can start from (the editor shows them as JSON text). */

const HELLO = {
  Comment: "A first state machine: two Pass states that shape the input.",
  StartAt: "Hello",
  States: {
    Hello: { Type: "Pass", Result: { greeting: "Hello" }, ResultPath: "$.hello", Next: "World" },
    World: { Type: "Pass", Result: "World", ResultPath: "$.world", End: true },
  },
};

const TASK = {
  Comment:
    "Calls a function, retries its failures twice, and catches what is left. Put your function's name in FunctionName.",
  StartAt: "Call function",
  States: {
    "Call function": {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "my-function", "Payload.$": "$" },
      ResultSelector: { "value.$": "$.Payload" },
      TimeoutSeconds: 30,
      Retry: [
        { ErrorEquals: ["States.TaskFailed", "States.Timeout"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Record failure" }],
      ResultPath: "$.result",
      Next: "Done",
    },
    "Record failure": { Type: "Pass", Parameters: { "failed.$": "$.error.Error" }, Next: "Failed" },
    Failed: { Type: "Fail", Error: "CallFailed", Cause: "The function failed after its retries" },
    Done: { Type: "Succeed" },
  },
};

const FAN_OUT = {
  Comment: "Fans out: two branches side by side, then one iteration per item (two at a time).",
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { items: [1, 2, 3] }, Next: "In parallel" },
    "In parallel": {
      Type: "Parallel",
      Branches: [
        { StartAt: "Branch A", States: { "Branch A": { Type: "Pass", Result: "a", End: true } } },
        {
          StartAt: "Pause",
          States: {
            Pause: { Type: "Wait", Seconds: 1, Next: "Branch B" },
            "Branch B": { Type: "Pass", Result: "b", End: true },
          },
        },
      ],
      ResultPath: "$.branches",
      Next: "Each item",
    },
    "Each item": {
      Type: "Map",
      ItemsPath: "$.items",
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Process item",
        States: { "Process item": { Type: "Pass", Parameters: { "value.$": "$" }, End: true } },
      },
      ResultPath: "$.results",
      End: true,
    },
  },
};

export const DEFINITION_TEMPLATES = [
  { id: "hello", label: "Hello Pass", hint: "Two Pass states: the smallest machine that runs.", definition: HELLO },
  {
    id: "task",
    label: "Task with retry and catch",
    hint: "Calls a function; retries, then catches into a Fail state.",
    definition: TASK,
  },
  {
    id: "fan-out",
    label: "Parallel + Map fan-out",
    hint: "Two branches at once, then one iteration per item.",
    definition: FAN_OUT,
  },
] as const;

export type TemplateId = (typeof DEFINITION_TEMPLATES)[number]["id"];

/** A template id from a URL's `?template=`, or the first. */
export function templateIdOf(value: string | string[] | undefined): TemplateId {
  const v = Array.isArray(value) ? value[0] : value;
  return DEFINITION_TEMPLATES.find((t) => t.id === v)?.id ?? DEFINITION_TEMPLATES[0].id;
}

/** The template's definition as the editor shows it. */
export function templateText(id: TemplateId): string {
  const t = DEFINITION_TEMPLATES.find((x) => x.id === id) ?? DEFINITION_TEMPLATES[0];
  return `${JSON.stringify(t.definition, null, 2)}\n`;
}
