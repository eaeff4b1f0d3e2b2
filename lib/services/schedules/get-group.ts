/**
 * Schedule groups. Nimbus keeps one, `default`, which every schedule belongs to; it exists
 * since the database does (its CreationDate is when the first migration ran).
 */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { DEFAULT_GROUP } from "@/lib/services/schedules/record";

export interface ScheduleGroupRecord {
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Fails with not found for any group but `default`. */
export function assertScheduleGroup(name: string): void {
  if (name !== DEFAULT_GROUP) throw notFound(`Schedule group ${name.slice(0, 64)} does not exist.`);
}

export async function getScheduleGroup(ctx: ServiceContext, name: string): Promise<ScheduleGroupRecord> {
  assertScheduleGroup(name);
  const rows = await ctx.db.$queryRaw<{ at: Date | null }[]>`SELECT min(finished_at) AS at FROM _prisma_migrations`;
  const at = rows[0]?.at ?? new Date(0);
  return { name: DEFAULT_GROUP, createdAt: at, updatedAt: at };
}
