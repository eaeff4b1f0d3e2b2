/** Step Functions' state machine operations: each reads its members, calls one verb, answers its shape. */
import * as machines from "@/lib/services/state-machines";
import type { StateMachineRecord } from "@/lib/services/state-machines";
import type { SfnAction } from "@/lib/aws/sfn/types";
import {
  epoch,
  invalidArn,
  machineNameIn,
  optionalInt,
  optionalString,
  required,
  tagsIn,
  tagsOut,
  validation,
} from "@/lib/aws/sfn/wire";
import { parseStatesArn } from "@/lib/workflows/arn";
import type { Input } from "@/lib/aws/sfn/wire";

function tracingIn(input: Input): boolean | undefined {
  const t = input.tracingConfiguration as { enabled?: unknown } | undefined;
  return t && typeof t.enabled === "boolean" ? t.enabled : undefined;
}

function typeIn(input: Input): "STANDARD" | "EXPRESS" | undefined {
  const t = optionalString(input, "type");
  if (t === undefined) return undefined;
  if (t !== "STANDARD" && t !== "EXPRESS")
    throw validation(`Value '${t.slice(0, 40)}' at 'type' must be STANDARD or EXPRESS`);
  return t;
}

export function describeMachine(m: StateMachineRecord) {
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: "ACTIVE",
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: epoch(m.createdAt),
    description: m.description || undefined,
    revisionId: m.revisionId,
    loggingConfiguration: { level: "OFF", includeExecutionData: false },
    tracingConfiguration: { enabled: m.tracing },
  };
}

const createStateMachine: SfnAction = async (c) => {
  const m = await machines.createStateMachine(c.ctx, {
    name: required(c.input, "name"),
    definition: required(c.input, "definition"),
    roleArn: optionalString(c.input, "roleArn") ?? "",
    type: typeIn(c.input),
    description: optionalString(c.input, "versionDescription") ?? "",
    tracing: tracingIn(c.input),
    tags: tagsIn(c.input),
  });
  return { stateMachineArn: m.arn, creationDate: epoch(m.createdAt) };
};

const describeStateMachine: SfnAction = async (c) =>
  describeMachine(await machines.getStateMachineOrThrow(c.ctx, machineNameIn(c.input)));

const updateStateMachine: SfnAction = async (c) => {
  const m = await machines.updateStateMachine(c.ctx, machineNameIn(c.input), {
    definition: optionalString(c.input, "definition"),
    roleArn: optionalString(c.input, "roleArn"),
    tracing: tracingIn(c.input),
  });
  return { updateDate: epoch(m.updatedAt), revisionId: m.revisionId };
};

const deleteStateMachine: SfnAction = async (c) => {
  await machines.deleteStateMachine(c.ctx, machineNameIn(c.input));
  return {};
};

const listStateMachines: SfnAction = async (c) => {
  const page = await machines.listStateMachines(c.ctx, {
    limit: optionalInt(c.input, "maxResults", 1, 1000),
    after: optionalString(c.input, "nextToken"),
  });
  return {
    stateMachines: page.items.map((m) => ({
      stateMachineArn: m.arn,
      name: m.name,
      type: m.type,
      creationDate: epoch(m.createdAt),
    })),
    ...(page.next ? { nextToken: page.next } : {}),
  };
};

const validateStateMachineDefinition: SfnAction = async (c) => {
  const r = machines.checkDefinition(required(c.input, "definition"), typeIn(c.input));
  const max = optionalInt(c.input, "maxResults", 1, 100) ?? 100;
  return {
    result: r.ok ? "OK" : "FAIL",
    diagnostics: r.diagnostics.slice(0, max).map((d) => ({
      severity: "ERROR",
      code: d.code,
      message: d.message,
      location: d.line ? `${d.path} (line ${d.line}, column ${d.column ?? 1})` : d.path,
    })),
    truncated: r.diagnostics.length > max,
  };
};

/** Tags are kept on state machines (the only taggable resource here). */
function machineOfResource(arn: string): string {
  const parsed = parseStatesArn(arn);
  if (parsed?.kind !== "stateMachine") throw invalidArn(arn);
  return parsed.name;
}

const listTagsForResource: SfnAction = async (c) => {
  const m = await machines.getStateMachineOrThrow(c.ctx, machineOfResource(required(c.input, "resourceArn")));
  return { tags: tagsOut(m.tags) };
};

const tagResource: SfnAction = async (c) => {
  await machines.tagStateMachine(c.ctx, machineOfResource(required(c.input, "resourceArn")), tagsIn(c.input), []);
  return {};
};

const untagResource: SfnAction = async (c) => {
  const keys = c.input.tagKeys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string"))
    throw validation("tagKeys must be a list of strings");
  await machines.tagStateMachine(c.ctx, machineOfResource(required(c.input, "resourceArn")), {}, keys as string[]);
  return {};
};

export const MACHINE_ACTIONS: Record<string, SfnAction> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachines: listStateMachines,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
};
