import { route } from "@/lib/http/route";
import { redriveDeadLetter } from "@/lib/services/dead-letters/redrive";

type P = { id: string };

/** Queues a dead letter's event again as a new asynchronous invocation. */
export const POST = route<P>(async ({ params, platform }) => ({
  requestId: await redriveDeadLetter(platform.services, platform.asyncQueue, params.id),
}));
