import { route } from "@/lib/http/route";
import { notFound } from "@/lib/errors";
import { getFunctionMetrics } from "@/lib/metrics/series";
import { parseRange } from "@/lib/metrics/range";

type P = { name: string };

/** GET ?range=1h|24h|7d → FunctionMetrics (buckets + totals) for the Monitor tab. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const range = parseRange(new URL(req.url).searchParams.get("range"));
  // The resolver's cache answers without a database read when the function is warm.
  const fn = await platform.resolver.get(params.name);
  if (!fn) throw notFound(`Function not found: ${platform.resolver.arnOf(params.name)}`);
  return getFunctionMetrics(platform.db.pool, fn.record.id, range);
});
