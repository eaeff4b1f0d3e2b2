import { route, jsonBody } from "@/lib/http/route";
import { deleteQueue, getQueueOrThrow, updateQueue } from "@/lib/services/queues";
import type { QueueSettings } from "@/lib/services/queues/schemas";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) => getQueueOrThrow(platform.services, params.name));

/** PATCH { visibilityTimeoutSec?, …, redrive? (null removes it) } → the queue; one verb, so nothing half-saves. */
export const PATCH = route<P>(async ({ req, params, platform }) =>
  updateQueue(platform.services, platform.queues.limits, params.name, (await jsonBody(req)) as QueueSettings),
);

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteQueue(platform.services, params.name);
});
