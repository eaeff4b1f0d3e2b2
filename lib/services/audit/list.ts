import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalid } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";

export interface AuditEventRecord {
  id: string;
  at: Date;
  actorType: string;
  actor: string;
  action: string;
  resource: string;
  details: Record<string, unknown>;
  sourceIp: string | null;
}

const date = z.coerce.date({ error: "must be a date, e.g. 2026-11-28T10:00:00Z" });

export const listAuditInput = z.object({
  /** "function." matches every function action; "function.delete" just that one. */
  action: z.string().max(100).optional(),
  resource: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  from: date.optional(),
  to: date.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, "limit must be between 1 and 200")
    .max(200, "limit must be between 1 and 200")
    .default(50),
  /** Opaque: from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});
export type ListAuditInput = z.input<typeof listAuditInput>;

/** Newest first, keyset-paged on (at, id) so a page is stable while new entries arrive. */
export async function listAuditEvents(
  ctx: ServiceContext,
  input: ListAuditInput,
): Promise<{ items: AuditEventRecord[]; nextCursor: string | null }> {
  const q = parseInput(listAuditInput, input);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const where: Prisma.AuditEventWhereInput = {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.resource ? { resource: q.resource } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
    ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
  };
  const rows = await ctx.db.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const items = rows
    .slice(0, q.limit)
    .map((r) => ({ ...r, id: r.id.toString(), details: (r.details ?? {}) as Record<string, unknown> }));
  const last = items.at(-1); // defined whenever rows.length > q.limit, as q.limit >= 1
  return {
    items,
    nextCursor:
      rows.length > q.limit && last ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString("base64url") : null,
  };
}

function decodeCursor(cursor: string): { at: Date; id: bigint } {
  const [at = "", id] = Buffer.from(cursor, "base64url").toString("utf8").split("|"); // split returns >= 1 part
  const d = new Date(at);
  if (!id || !/^\d+$/.test(id) || Number.isNaN(d.getTime()))
    throw invalid("cursor is not valid: use nextCursor from the previous page");
  return { at: d, id: BigInt(id) };
}
