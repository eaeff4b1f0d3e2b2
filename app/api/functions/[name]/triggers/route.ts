import { route } from "@/lib/http/route";
import { listMappings } from "@/lib/services/event-sources";

type P = { name: string };

/** GET → the function's event source mappings, oldest first (the Triggers tab; Lambda allows far fewer than a page). */
export const GET = route<P>(
  async ({ params, platform }) => (await listMappings(platform.services, { functionName: params.name })).mappings,
);
