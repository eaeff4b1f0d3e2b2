import { route } from "@/lib/http/route";
import { functionIdOrThrow, listInvocations, parseListParams } from "@/lib/logs/invocations";

type P = { name: string };

/** GET ?status=&from=&to=&cursor=&limit= → { items, nextCursor }, newest first. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const q = parseListParams(new URL(req.url).searchParams);
  return listInvocations(platform.db.pool, {
    ...q,
    functionId: await functionIdOrThrow(platform.resolver, params.name),
  });
});
