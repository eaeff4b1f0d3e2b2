import type { ServiceContext } from "@/lib/services/context";

export async function hasUsers(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.db.user.findFirst({ select: { id: true } })) !== null;
}
