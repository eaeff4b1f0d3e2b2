import { route } from "@/lib/http/route";
import { notFound } from "@/lib/errors";
import { assertRequestId } from "@/lib/logs/invocations";
import { getInvocationLog } from "@/lib/logs/search";
import { getInvocationConnections } from "@/lib/logs/connections";

type P = { requestId: string };

/**
 * GET → { requestId, lines, connections: { items, total } }: the rendered log (START/END/REPORT
 * included, every attempt) and the outbound connections the function opened or was refused.
 */
export const GET = route<P>(async ({ params, platform }) => {
  const requestId = assertRequestId(params.requestId);
  const [lines, connections] = await Promise.all([
    getInvocationLog(platform.db.pool, requestId),
    getInvocationConnections(platform.db.pool, requestId),
  ]);
  if (lines.length === 0) throw notFound(`No invocation with request id ${requestId}`);
  return { requestId, lines, connections };
});
