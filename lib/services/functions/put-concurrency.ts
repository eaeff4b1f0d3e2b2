import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/validate";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { reservedConcurrency } from "@/lib/services/functions/schemas";
import { recordAudit } from "@/lib/services/audit/record";

/**
 * Reserves concurrency for a function out of the account limit; the unreserved pool that
 * other functions share never drops below NIMBUS_MIN_UNRESERVED_CONCURRENCY (Lambda: 100).
 */
export async function putFunctionConcurrency(ctx: ServiceContext, name: string, value: number): Promise<number> {
  const reserved = parseInput(reservedConcurrency, value);
  const fn = await getFunctionOrThrow(ctx, name);
  if (fn.reservedConcurrency === reserved) return reserved; // unchanged: no write, no audit entry
  const { NIMBUS_MAX_CONCURRENCY: max, NIMBUS_MIN_UNRESERVED_CONCURRENCY: minUnreserved } = ctx.settings;
  await ctx.db.$transaction(async (tx) => {
    // Serialize reservations so two concurrent requests cannot both squeeze the pool.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    const others = await tx.fn.aggregate({ _sum: { reservedConcurrency: true }, where: { id: { not: fn.id } } });
    const otherReserved = others._sum.reservedConcurrency ?? 0;
    if (otherReserved + reserved > max - minUnreserved) {
      throw new AppError(
        "InvalidParameterValueException",
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution " +
          `below its minimum value of [${minUnreserved}].`,
      );
    }
    await tx.fn.update({ where: { id: fn.id }, data: { reservedConcurrency: reserved } });
    await recordAudit(tx, ctx, "function.put-concurrency", fn.name, {
      reservedConcurrency: { from: fn.reservedConcurrency, to: reserved },
    });
  });
  ctx.functionChanged({ id: fn.id, name: fn.name, revision: fn.revision });
  return reserved;
}
