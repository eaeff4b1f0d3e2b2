/** Puts (replaces) or updates (merges) a function's EventInvokeConfig, audited with the changes. */
import { invalid } from "@/lib/errors";
import { configQualifier, missingConfig } from "@/lib/services/event-invoke-config/qualifier";
import { parseFunctionRef } from "@/lib/function-ref";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { parseInput } from "@/lib/services/validate";
import { changedFields, recordAudit } from "@/lib/services/audit/record";
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfigRecord } from "@/lib/services/event-invoke-config/record";
import { eventInvokeConfigInput, type EventInvokeConfigInput } from "@/lib/services/event-invoke-config/schemas";
import { getQueueOrThrow } from "@/lib/services/queues/get";
import { QUEUE_ARN } from "@/lib/message-queues/arn";

/** Put replaces the whole configuration; update changes only the fields given. */
export async function putEventInvokeConfig(
  ctx: ServiceContext,
  name: string,
  input: EventInvokeConfigInput,
  mode: "put" | "update" = "put",
  qualifier?: string | null,
): Promise<EventInvokeConfigRecord> {
  const data = parseInput(eventInvokeConfigInput, input);
  const fn = await getFunctionOrThrow(ctx, name);
  for (const d of [data.onSuccessDestination, data.onFailureDestination]) {
    const queue = d ? QUEUE_ARN.exec(d)?.[1] : undefined;
    if (queue)
      await getQueueOrThrow(ctx, queue).catch(() => {
        throw invalid(`The destination queue ${queue} does not exist`);
      });
    else if (d && parseFunctionRef(d).name === fn.name) throw invalid("A function cannot be its own destination");
  }
  const q = await configQualifier(ctx, fn, qualifier);
  const key = { functionId_qualifier: { functionId: fn.id, qualifier: q } };
  const existing = await ctx.db.eventInvokeConfig.findUnique({ where: key });
  if (mode === "update" && !existing) throw missingConfig(fn.name, q);
  const base = mode === "put" ? DEFAULT_EVENT_INVOKE_CONFIG : { ...DEFAULT_EVENT_INVOKE_CONFIG, ...existing };
  const next = {
    ...base,
    ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
    updatedAt: new Date(),
  };
  const row = await ctx.db.$transaction(async (tx) => {
    const saved = await tx.eventInvokeConfig.upsert({
      where: key,
      create: {
        functionId: fn.id,
        qualifier: q,
        maximumRetryAttempts: next.maximumRetryAttempts,
        maximumEventAgeSeconds: next.maximumEventAgeSeconds,
        onSuccessDestination: next.onSuccessDestination,
        onFailureDestination: next.onFailureDestination,
        updatedAt: next.updatedAt,
      },
      update: {
        maximumRetryAttempts: next.maximumRetryAttempts,
        maximumEventAgeSeconds: next.maximumEventAgeSeconds,
        onSuccessDestination: next.onSuccessDestination,
        onFailureDestination: next.onFailureDestination,
        updatedAt: next.updatedAt,
      },
    });
    const { functionId: _f, qualifier: _q, updatedAt: _u, ...after } = saved;
    await recordAudit(tx, ctx, `event-invoke-config.${mode}`, fn.name, {
      ...(q === "$LATEST" ? {} : { qualifier: q }),
      changes: changedFields({ ...DEFAULT_EVENT_INVOKE_CONFIG, ...existing } as Record<string, unknown>, after),
    });
    return saved;
  });
  return row;
}
