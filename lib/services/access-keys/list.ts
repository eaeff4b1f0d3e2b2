import type { ServiceContext } from "../context";
import { toAccessKeyRecord, type AccessKeyRecord } from "./record";

/** Every key, newest first, without secrets. */
export async function listAccessKeys(ctx: ServiceContext): Promise<AccessKeyRecord[]> {
  const rows = await ctx.db.accessKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(toAccessKeyRecord);
}
