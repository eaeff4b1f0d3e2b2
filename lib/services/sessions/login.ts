import { AppError } from "@/lib/errors";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "@/lib/crypto/password";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { z } from "zod";
import { givenPassword } from "@/lib/services/users/schemas";
import { createSession } from "@/lib/services/sessions/create";
import { clearAttempt, pruneAttempts, reserveAttempt } from "@/lib/services/sessions/rate-limit";
import type { SessionRecord } from "@/lib/services/sessions/record";

const loginInput = z.object({
  username: z
    .string({ error: "Enter a username" })
    .trim()
    .min(1, "Enter a username")
    .max(64, "Incorrect username or password"),
  password: givenPassword,
});
export type LoginInput = z.input<typeof loginInput>;

/**
 * Checks a username and password and starts a session. Unknown usernames run the KDF against
 * a dummy hash and get the same answer as a wrong password, so neither the message nor the
 * time tells whether a user exists.
 */
export async function login(
  ctx: ServiceContext,
  input: LoginInput,
  ip: string,
): Promise<{ token: string; session: SessionRecord }> {
  const data = parseInput(loginInput, input);
  const attempt = await reserveAttempt(ctx, data.username, ip);
  const user = await ctx.db.user.findUnique({ where: { username: data.username } });
  const ok = await verifyPassword(data.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) throw new AppError("UnauthorizedException", "Incorrect username or password");
  await clearAttempt(ctx, attempt);
  if (needsRehash(user.passwordHash)) {
    await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(data.password) } });
  }
  void Promise.all([pruneAttempts(ctx), ctx.db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })]).catch(
    () => {},
  );
  const started = await createSession(ctx, user);
  await ctx.db.$transaction((tx) =>
    recordAudit(
      tx,
      { ...ctx, actor: { type: "console-user", id: user.username, sourceIp: ip } },
      "console.sign-in",
      user.username,
    ),
  );
  return started;
}
