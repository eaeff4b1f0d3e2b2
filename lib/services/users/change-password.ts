import { AppError, notFound } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { clearAttempt, reserveAttempt } from "@/lib/services/sessions/rate-limit";
import { changePasswordInput, type ChangePasswordInput } from "@/lib/services/users/schemas";

/**
 * Changes the signed-in user's password after checking the current one (a guess counts as a
 * failed login, so a borrowed session cannot brute-force it) and ends the user's other
 * sessions; the one making the change stays signed in.
 */
export async function changePassword(
  ctx: ServiceContext,
  who: { userId: string; sessionId: string; ip: string },
  input: ChangePasswordInput,
): Promise<void> {
  const data = parseInput(changePasswordInput, input);
  const user = await ctx.db.user.findUnique({ where: { id: who.userId } });
  if (!user) throw notFound("User not found");
  const attempt = await reserveAttempt(ctx, user.username, who.ip);
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new AppError("InvalidParameterValueException", "The current password is not correct", {
      field: "currentPassword",
    });
  }
  await clearAttempt(ctx, attempt);
  const passwordHash = await hashPassword(data.newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id, id: { not: who.sessionId } } });
    await recordAudit(
      tx,
      { ...ctx, actor: { type: "console-user", id: user.username, sourceIp: who.ip } },
      "user.change-password",
      user.username,
      { otherSessionsEnded: ended.count },
    );
  });
  ctx.sessionsEnded?.();
}
