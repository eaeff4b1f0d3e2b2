import { route } from "@/lib/http/route";
import { purgeQueue } from "@/lib/services/queues";

type P = { name: string };

/** POST → every message deleted; a second purge within 60 s is a 409 (PurgeQueueInProgress). */
export const POST = route<P>(async ({ params, platform }) => {
  await purgeQueue(platform.services, params.name);
});
