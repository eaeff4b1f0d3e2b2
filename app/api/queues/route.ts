import { route, jsonBody } from "@/lib/http/route";
import { createQueue, listQueueSummaries } from "@/lib/services/queues";
import type { CreateQueueInput } from "@/lib/services/queues/schemas";

/** GET → every queue with its counts and last hour's traffic (the Queues page). */
export const GET = route(async ({ platform }) => listQueueSummaries(platform.services));

/** POST { name, fifo, visibilityTimeoutSec, …, redrive } → the queue (the service parses it). */
export const POST = route(async ({ req, platform }) =>
  createQueue(platform.services, platform.queues.limits, (await jsonBody(req)) as CreateQueueInput),
);
