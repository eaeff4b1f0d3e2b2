import { route, jsonBody } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { peekMessages, sendQueueMessage } from "@/lib/services/queues";

type P = { name: string };
type SendInput = Parameters<typeof sendQueueMessage>[2];

/** GET ?limit=1..100 → the oldest messages as they are (a look: nothing is received). */
export const GET = route<P>(async ({ req, params, platform }) => {
  const raw = new URL(req.url).searchParams.get("limit") ?? "20";
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > 100)
    throw invalid(`limit must be a whole number from 1 to 100 (got "${raw.slice(0, 20)}")`);
  return peekMessages(platform.services, params.name, limit);
});

/** POST { body, delaySec?, groupId?, dedupId?, attributes? } → { messageId, … } under SendMessage's rules. */
export const POST = route<P>(async ({ req, params, platform }) =>
  sendQueueMessage(platform.services, params.name, (await jsonBody(req)) as SendInput),
);
