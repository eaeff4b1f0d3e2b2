import { randomUUID } from "node:crypto";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/crypto/password";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { newPassword } from "@/lib/services/users/schemas";

export const ADMIN_USERNAME = "admin";

/**
 * NIMBUS_ADMIN_PASSWORD at start: creates `admin`, or resets its password when it differs
 * (ending admin's sessions — a reset is what you do when the old password leaked). An
 * unchanged password changes nothing, so restarting a server does not sign anyone out.
 */
export async function applyAdminPassword(
  ctx: ServiceContext,
  password: string,
): Promise<"created" | "reset" | "unchanged"> {
  newPassword.parse(password);
  const existing = await ctx.db.user.findUnique({ where: { username: ADMIN_USERNAME } });
  if (existing && (await verifyPassword(password, existing.passwordHash)) && !needsRehash(existing.passwordHash))
    return "unchanged";
  const passwordHash = await hashPassword(password);
  if (!existing) {
    try {
      await ctx.db.$transaction(async (tx) => {
        await tx.user.create({ data: { id: randomUUID(), username: ADMIN_USERNAME, passwordHash } });
        await recordAudit(tx, ctx, "user.create", ADMIN_USERNAME, { via: "NIMBUS_ADMIN_PASSWORD" });
      });
      return "created";
    } catch (err) {
      // Another server sharing the database created it a moment ago: fall through to a reset.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { username: ADMIN_USERNAME },
      data: { passwordHash, passwordChangedAt: new Date() },
    });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, ctx, "user.reset-password", ADMIN_USERNAME, {
      via: "NIMBUS_ADMIN_PASSWORD",
      sessionsEnded: ended.count,
    });
  });
  ctx.sessionsEnded?.();
  return "reset";
}
