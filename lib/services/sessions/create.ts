import type { ServiceContext } from "@/lib/services/context";
import type { SessionRecord } from "@/lib/services/sessions/record";
import { newCsrfToken, newSessionToken } from "@/lib/services/sessions/tokens";

/** Starts a session for a user whose credentials were checked; returns the cookie token once. */
export async function createSession(
  ctx: ServiceContext,
  user: { id: string; username: string },
): Promise<{ token: string; session: SessionRecord }> {
  const { token, id } = newSessionToken();
  const now = new Date();
  const row = await ctx.db.session.create({
    data: {
      id,
      userId: user.id,
      csrfToken: newCsrfToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.settings.NIMBUS_SESSION_MAX_HOURS * 3600_000),
    },
  });
  return { token, session: { ...row, username: user.username } };
}
