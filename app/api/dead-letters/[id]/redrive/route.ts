import { route } from "@/lib/http/route";

type P = { id: string };

/** Queues a dead letter's event again as a new asynchronous invocation. */
export const POST = route<P>(async ({ params, rt }) => ({ requestId: await rt.asyncQueue.redrive(params.id) }));
