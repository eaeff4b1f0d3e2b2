import { z } from "zod";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { frozenState } from "@/lib/services/versions/frozen";
import { toVersionRecord } from "@/lib/services/versions/record";

const browseVersionsInput = z.object({
  limit: z
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 1000")
    .max(1000, "limit must be between 1 and 1000")
    .default(200),
});

/** A row of the console's Versions table. */
export interface VersionSummary extends FunctionRecord {
  /**
   * Who published it ("console-user:alice", "access-key:AKIA…"); for $LATEST, who last created,
   * deployed or configured it, as the audit log says (null when it does not).
   */
  createdBy: string | null;
}

export interface VersionList {
  /** $LATEST, then the published versions newest first (at most `limit` of them). */
  items: VersionSummary[];
  /** How many versions are published (the list may show fewer). */
  total: number;
  /** The published version $LATEST is identical to (publishing now would create nothing), or null. */
  latestPublishedAs: string | null;
}

/** Actions after which $LATEST is what someone made it. */
const LATEST_CHANGES = ["function.create", "function.update-code", "function.update-configuration"];

/**
 * The console's Versions tab: $LATEST and the versions newest first, each with who made it.
 * ListVersionsByFunction (list.ts) keeps Lambda's order and shape; this is the console's view.
 */
export async function browseVersions(
  ctx: ServiceContext,
  name: string,
  input: z.input<typeof browseVersionsInput> = {},
): Promise<VersionList> {
  const { limit } = parseInput(browseVersionsInput, input);
  await getFunctionOrThrow(ctx, name); // the not-found message Lambda gives
  const fnRow = await ctx.db.fn.findUniqueOrThrow({ where: { name } });
  const [rows, total, lastChange] = await Promise.all([
    ctx.db.functionVersion.findMany({ where: { functionId: fnRow.id }, orderBy: { version: "desc" }, take: limit }),
    ctx.db.functionVersion.count({ where: { functionId: fnRow.id } }),
    // A function deleted and created again under the same name: only the new one's events count.
    ctx.db.auditEvent.findFirst({
      where: { resource: name, action: { in: LATEST_CHANGES }, at: { gte: fnRow.createdAt } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { actorType: true, actor: true },
    }),
  ]);
  const newest = rows[0];
  const latestPublishedAs =
    newest && newest.version === fnRow.lastVersion && frozenState(newest) === frozenState(fnRow)
      ? String(newest.version)
      : null;
  const latest = { ...toRecord(fnRow), createdBy: lastChange ? `${lastChange.actorType}:${lastChange.actor}` : null };
  // Spread: the console never needs the sealed secrets that ride on a record.
  const versions = rows.map((r) => ({ ...toVersionRecord(fnRow, r), createdBy: r.createdBy || null }));
  return { items: [latest, ...versions], total, latestPublishedAs };
}
