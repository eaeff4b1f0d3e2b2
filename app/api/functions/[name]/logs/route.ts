import { route } from "@/lib/http/route";
import { functionIdOrThrow, parseSearchParams, searchInvocationLogs } from "@/lib/logs/invocations";

type P = { name: string };

/** GET ?q=&from=&to=&before=&limit= → { items: lines, invocations: { [requestId]: item }, nextCursor }. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const q = parseSearchParams(new URL(req.url).searchParams);
  return searchInvocationLogs(platform.db.pool, {
    ...q,
    functionId: await functionIdOrThrow(platform.resolver, params.name),
  });
});
