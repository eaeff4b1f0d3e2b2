import { route, jsonBody } from "@/lib/http/route";
import { deleteMapping, updateMapping } from "@/lib/services/event-sources";
import type { UpdateMappingInput } from "@/lib/services/event-sources/schemas";

type P = { id: string };

/** PATCH { enabled?, batchSize?, … } → the mapping; a toggle passes through Enabling/Disabling. */
export const PATCH = route<P>(async ({ req, params, platform }) =>
  updateMapping(platform.services, params.id, (await jsonBody(req)) as UpdateMappingInput),
);

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteMapping(platform.services, params.id);
});
