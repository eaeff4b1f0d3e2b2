import type { ServiceContext } from "@/lib/services/context";
import { endsAt, type SessionRecord } from "@/lib/services/sessions/record";
import { sessionIdOf } from "@/lib/services/sessions/tokens";

/** lastSeenAt is written at most this often: a busy console must not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** The live session a cookie token names, or null (unknown, idle too long, or past its end). */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<SessionRecord | null> {
  const id = sessionIdOf(token);
  if (!id) return null;
  const row = await ctx.db.session.findUnique({ where: { id }, include: { user: { select: { username: true } } } });
  if (!row) return null;
  const now = Date.now();
  if (endsAt(row, ctx.settings).getTime() <= now) {
    await ctx.db.session.deleteMany({ where: { id } });
    return null;
  }
  let lastSeenAt = row.lastSeenAt;
  if (now - lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    lastSeenAt = new Date(now);
    await ctx.db.session.updateMany({ where: { id }, data: { lastSeenAt } });
  }
  const { user, ...s } = row;
  return { ...s, lastSeenAt, username: user.username };
}
