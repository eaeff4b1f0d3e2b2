import { route } from "@/lib/http/route";
import { notFound } from "@/lib/errors";
import { getFunctionMetrics } from "@/lib/metrics/series";
import { getVersionSplit } from "@/lib/metrics/by-version";
import { parseRange } from "@/lib/metrics/range";

type P = { name: string };

/** GET ?range=1h|24h|7d → FunctionMetrics (buckets + totals, and a split by version when two ran). */
export const GET = route<P>(async ({ req, params, platform }) => {
  const range = parseRange(new URL(req.url).searchParams.get("range"));
  // The resolver's cache answers without a database read when the function is warm.
  const fn = await platform.resolver.get(params.name);
  if (!fn) throw notFound(`Function not found: ${platform.resolver.arnOf(params.name)}`);
  const now = Date.now();
  const [metrics, split] = await Promise.all([
    getFunctionMetrics(platform.db.pool, fn.record.id, range, now),
    getVersionSplit(platform.db.pool, fn.record.id, range, now),
  ]);
  return { ...metrics, byVersion: split.versions.length > 1 ? split : null };
});
