import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceContext } from "@/lib/services/context";
import { SYSTEM_ACTOR } from "@/lib/services/audit/actor";

type Tx = Prisma.TransactionClient;

/**
 * Writes one audit entry inside the caller's transaction, so an entry exists exactly when the
 * change committed. Details name what changed; callers never pass secret values or code.
 */
export async function recordAudit(
  tx: Tx,
  ctx: ServiceContext,
  action: string,
  resource: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const actor = ctx.actor ?? SYSTEM_ACTOR;
  await tx.auditEvent.create({
    data: {
      actorType: actor.type,
      actor: actor.id,
      action,
      resource,
      details: details as Prisma.InputJsonValue,
      sourceIp: actor.sourceIp ?? null,
    },
  });
}

/** Field-by-field old → new for the fields that changed (values must be safe to show). */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = { from: before[k] ?? null, to: v };
  }
  return out;
}
