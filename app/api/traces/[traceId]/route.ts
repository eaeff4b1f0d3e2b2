import { route } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { getTrace } from "@/lib/services/traces";
import { normalTraceId } from "@/lib/traces/context";

type P = { traceId: string };

/** GET → { traceId, spans }: every span of the trace (32 hex, or X-Ray's 1-…-… form). */
export const GET = route<P>(async ({ params, platform }) => {
  const traceId = normalTraceId(params.traceId);
  if (!traceId) throw invalid(`"${params.traceId.slice(0, 80)}" is not a trace id (32 hex digits)`);
  return getTrace(platform.services, traceId);
});
