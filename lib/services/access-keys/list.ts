import type { ServiceContext } from "@/lib/services/context";
import { toAccessKeyRecord, type AccessKeyRecord } from "@/lib/services/access-keys/record";

/** Every key, newest first, without secrets. */
export async function listAccessKeys(ctx: ServiceContext): Promise<AccessKeyRecord[]> {
  const rows = await ctx.db.accessKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(toAccessKeyRecord);
}
