import { route } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { listTraces } from "@/lib/services/traces";

const MAX_MIN_MS = 86_400_000;

/** GET ?function=&minMs=&errors=1&cursor= → { items, nextCursor }: traces, newest first. */
export const GET = route(async ({ req, platform }) => {
  const sp = new URL(req.url).searchParams;
  const minRaw = sp.get("minMs");
  let minDurationMs: number | undefined;
  if (minRaw) {
    minDurationMs = Number(minRaw);
    if (!/^\d+$/.test(minRaw) || minDurationMs > MAX_MIN_MS)
      throw invalid(`minMs must be a whole number of milliseconds up to ${MAX_MIN_MS} (got "${minRaw.slice(0, 20)}")`);
  }
  return listTraces(platform.services, {
    functionName: sp.get("function")?.trim() || undefined,
    minDurationMs,
    errorsOnly: sp.get("errors") === "1",
    cursor: sp.get("cursor") ?? undefined,
  });
});
