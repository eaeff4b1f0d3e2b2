import type { ServiceContext } from "@/lib/services/context";

/** Logout: the session row goes, so no server accepts its token again (after its cache expires). */
export async function endSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.db.session.deleteMany({ where: { id: sessionId } });
  ctx.sessionsEnded?.();
}
