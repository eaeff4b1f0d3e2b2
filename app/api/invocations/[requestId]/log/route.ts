import { route } from "@/lib/http/route";
import { notFound } from "@/lib/errors";
import { assertRequestId } from "@/lib/logs/invocations";
import { getInvocationLog } from "@/lib/logs/search";

type P = { requestId: string };

/** GET → { requestId, lines }: the rendered log, START/END/REPORT included, every attempt. */
export const GET = route<P>(async ({ params, platform }) => {
  const requestId = assertRequestId(params.requestId);
  const lines = await getInvocationLog(platform.db.pool, requestId);
  if (lines.length === 0) throw notFound(`No invocation with request id ${requestId}`);
  return { requestId, lines };
});
