import type { ServiceContext } from "@/lib/services/context";

/** Lambda's account limits as this server applies them, and what the account uses of them. */
export interface AccountSettings {
  concurrentExecutions: number;
  unreservedConcurrentExecutions: number;
  functionCount: number;
  totalCodeSize: number;
}

export async function getAccountSettings(ctx: ServiceContext): Promise<AccountSettings> {
  const [functionCount, sums] = await Promise.all([
    ctx.db.fn.count(),
    ctx.db.fn.aggregate({ _sum: { codeSize: true, reservedConcurrency: true } }),
  ]);
  const max = ctx.settings.NIMBUS_MAX_CONCURRENCY;
  return {
    concurrentExecutions: max,
    unreservedConcurrentExecutions: max - (sums._sum.reservedConcurrency ?? 0),
    functionCount,
    totalCodeSize: sums._sum.codeSize ?? 0,
  };
}
