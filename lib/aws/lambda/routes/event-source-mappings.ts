/**
 * Event source mappings (Create/Get/Update/Delete/ListEventSourceMappings) for SQS sources, in
 * Lambda's EventSourceMappingConfiguration shape. The source is a Nimbus queue by its SQS ARN; the
 * target a function, or — a Nimbus extension — a state machine by its ARN as FunctionName.
 */
import { z } from "zod";
import { invalid } from "@/lib/errors";
import { ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { parseWire } from "@/lib/aws/lambda/wire";
import { type ShapeContext, targetArn } from "@/lib/aws/shapes";
import { queueArn, queueNameOfArn } from "@/lib/aws/sqs/queue-url";
import { parseFunctionRef } from "@/lib/function-ref";
import * as mappings from "@/lib/services/event-sources";
import { parseStatesArn } from "@/lib/workflows/arn";

const str = z.string({ error: "must be a string" });
const num = z.number({ error: "must be a number" });
const bool = z.boolean({ error: "must be true or false" });
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

const FunctionResponseTypes = opt(
  z.array(z.enum(["ReportBatchItemFailures"], { error: "must be ReportBatchItemFailures" })),
);
const FilterCriteria = opt(z.object({ Filters: opt(z.array(z.object({ Pattern: str }).loose())) }).loose());
const ScalingConfig = opt(z.object({ MaximumConcurrency: opt(num) }).loose());

const settings = {
  FunctionName: opt(str),
  Enabled: opt(bool),
  BatchSize: opt(num),
  MaximumBatchingWindowInSeconds: opt(num),
  FunctionResponseTypes,
  FilterCriteria,
  ScalingConfig,
};

type Settings = {
  FunctionName?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  FilterCriteria?: { Filters?: Array<{ Pattern: string }> };
  ScalingConfig?: { MaximumConcurrency?: number };
};
const toSettings = (b: Settings) => ({
  functionName: b.FunctionName,
  enabled: b.Enabled,
  batchSize: b.BatchSize,
  maxBatchingWindowSec: b.MaximumBatchingWindowInSeconds,
  reportBatchItemFailures: b.FunctionResponseTypes
    ? b.FunctionResponseTypes.includes("ReportBatchItemFailures")
    : undefined,
  filterCriteria: b.FilterCriteria
    ? { Filters: (b.FilterCriteria.Filters ?? []).map((f) => ({ Pattern: f.Pattern })) }
    : undefined,
  maxConcurrency: b.ScalingConfig ? (b.ScalingConfig.MaximumConcurrency ?? null) : undefined,
});

const CreateRequest = z
  .object({ EventSourceArn: str, ...settings })
  .loose()
  .transform((b) => {
    const queueName = queueNameOfArn(b.EventSourceArn);
    if (!queueName)
      throw invalid(
        `EventSourceArn: Nimbus maps SQS queues only (arn:aws:sqs:<region>:<account>:<queue>); got ${b.EventSourceArn.slice(0, 200)}`,
      );
    if (!b.FunctionName) throw invalid("FunctionName is required");
    const s = toSettings(b);
    return {
      ...s,
      functionName: b.FunctionName,
      queueName,
      filterCriteria: s.filterCriteria ?? null,
      maxConcurrency: s.maxConcurrency ?? null,
    };
  });

const UpdateRequest = z.object(settings).loose().transform(toSettings);

export function toMappingConfiguration(s: ShapeContext, m: mappings.MappingRecord) {
  return {
    UUID: m.id,
    EventSourceMappingArn: `arn:aws:lambda:${s.region}:${s.accountId}:event-source-mapping:${m.id}`,
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maxBatchingWindowSec,
    EventSourceArn: queueArn(s.region, s.accountId, m.queueName),
    FunctionArn: targetArn(s, m, m.qualifier === "$LATEST" ? null : m.qualifier),
    LastModified: m.updatedAt.getTime() / 1000,
    LastProcessingResult: m.lastProcessingResult,
    State: m.state,
    StateTransitionReason: m.stateTransitionReason,
    FunctionResponseTypes: m.reportBatchItemFailures ? ["ReportBatchItemFailures"] : [],
    ...(m.filterCriteria?.Filters.length ? { FilterCriteria: m.filterCriteria } : {}),
    ...(m.maxConcurrency ? { ScalingConfig: { MaximumConcurrency: m.maxConcurrency } } : {}),
  };
}

const MAPPING = "/2015-03-31/event-source-mappings/{UUID}";

export const EVENT_SOURCE_MAPPING_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "CreateEventSourceMapping",
    method: "POST",
    path: "/2015-03-31/event-source-mappings",
    handler: async (c) => {
      const m = await mappings.createMapping(c.ctx, parseWire(CreateRequest, c.body));
      return { status: 202, json: toMappingConfiguration(c.shape, m) };
    },
  },
  {
    operation: "ListEventSourceMappings",
    method: "GET",
    path: "/2015-03-31/event-source-mappings",
    handler: async (c) => {
      const arn = c.query.get("EventSourceArn");
      const fn = c.query.get("FunctionName");
      const max = Number(c.query.get("MaxItems") ?? 100);
      const machine = fn ? parseStatesArn(fn) : null;
      const page = await mappings.listMappings(c.ctx, {
        ...(machine?.kind === "stateMachine"
          ? { stateMachineName: machine.name }
          : { functionName: fn ? parseFunctionRef(fn).name : undefined }),
        queueName: arn ? (queueNameOfArn(arn) ?? "\u0000none") : undefined,
        after: c.query.get("Marker") ?? undefined,
        limit: Number.isInteger(max) && max > 0 ? Math.min(max, 10_000) : 100,
      });
      return ok({
        EventSourceMappings: page.mappings.map((m) => toMappingConfiguration(c.shape, m)),
        ...(page.next ? { NextMarker: page.next } : {}),
      });
    },
  },
  {
    operation: "GetEventSourceMapping",
    method: "GET",
    path: MAPPING,
    handler: async (c) => ok(toMappingConfiguration(c.shape, await mappings.getMappingOrThrow(c.ctx, c.params.UUID!))),
  },
  {
    operation: "UpdateEventSourceMapping",
    method: "PUT",
    path: MAPPING,
    handler: async (c) => {
      const m = await mappings.updateMapping(c.ctx, c.params.UUID!, parseWire(UpdateRequest, c.body));
      return { status: 202, json: toMappingConfiguration(c.shape, m) };
    },
  },
  {
    operation: "DeleteEventSourceMapping",
    method: "DELETE",
    path: MAPPING,
    handler: async (c) => ({
      status: 202,
      json: toMappingConfiguration(c.shape, await mappings.deleteMapping(c.ctx, c.params.UUID!)),
    }),
  },
];
