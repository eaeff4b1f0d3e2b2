import { route } from "@/lib/http/route";
import { redriveDeadLetter } from "@/lib/services/dead-letters/redrive";

type P = { id: string };

/** Queues a dead letter's event again as a new asynchronous invocation. */
export const POST = route<P>(async ({ params, rt }) => ({
  requestId: await redriveDeadLetter(rt.services, rt.asyncQueue, params.id),
}));
