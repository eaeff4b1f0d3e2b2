import { route, jsonBody } from "@/lib/http/route";
import { createMapping, listMappings } from "@/lib/services/event-sources";
import type { CreateMappingInput } from "@/lib/services/event-sources/schemas";

/** GET ?queueName= → the mappings reading that queue (a queue's page). */
export const GET = route(async ({ req, platform }) => {
  const queueName = new URL(req.url).searchParams.get("queueName") || undefined;
  return (await listMappings(platform.services, { queueName })).mappings;
});

/** POST { functionName, queueName, batchSize, … } → the mapping, in state Creating (the pollers follow). */
export const POST = route(async ({ req, platform }) =>
  createMapping(platform.services, (await jsonBody(req)) as CreateMappingInput),
);
