import { AppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";

/**
 * Failed logins are rows in login_attempts, so every server sharing the database sees the
 * same counts. An attempt is recorded BEFORE the password is checked (and removed when it was
 * right): parallel guesses cannot all slip past the limit while their KDFs run. The per-user
 * count is taken under an advisory lock on the username, so it is exact; the per-address one
 * may overshoot by the number of concurrent requests.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 20;

export async function reserveAttempt(ctx: ServiceContext, username: string, ip: string): Promise<bigint> {
  const key = username.toLowerCase();
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"login:" + key}))`;
    const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
    const [byUser, byIp] = await Promise.all([
      tx.loginAttempt.findMany({
        where: { username: key, at: { gt: since } },
        orderBy: { at: "asc" },
        select: { at: true },
        take: MAX_FAILURES_PER_USER,
      }),
      tx.loginAttempt.findMany({
        where: { ip, at: { gt: since } },
        orderBy: { at: "asc" },
        select: { at: true },
        take: MAX_FAILURES_PER_IP,
      }),
    ]);
    const full = byUser.length >= MAX_FAILURES_PER_USER ? byUser : byIp.length >= MAX_FAILURES_PER_IP ? byIp : null;
    if (full) {
      // Free again when the oldest counted failure leaves the window.
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((full[0]!.at.getTime() + LOGIN_WINDOW_MINUTES * 60_000 - Date.now()) / 1000),
      );
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new AppError(
        "TooManyRequestsException",
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        { retryAfterSeconds },
      );
    }
    const row = await tx.loginAttempt.create({ data: { username: key, ip }, select: { id: true } });
    return row.id;
  });
}

/** The attempt succeeded: it was no failure. */
export async function clearAttempt(ctx: ServiceContext, id: bigint): Promise<void> {
  await ctx.db.loginAttempt.deleteMany({ where: { id } });
}

/** Drops rows that no longer count (called now and then, off any hot path). */
export async function pruneAttempts(ctx: ServiceContext): Promise<void> {
  await ctx.db.loginAttempt.deleteMany({ where: { at: { lt: new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000) } } });
}
