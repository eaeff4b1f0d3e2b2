import { route, jsonBody } from "@/lib/http/route";
import { createMapping, listMappings } from "@/lib/services/event-sources";
import type { CreateMappingInput } from "@/lib/services/event-sources/schemas";

/** GET ?queueName= | ?stateMachineName= → the mappings reading that queue or feeding that state machine. */
export const GET = route(async ({ req, platform }) => {
  const q = new URL(req.url).searchParams;
  return (
    await listMappings(platform.services, {
      queueName: q.get("queueName") || undefined,
      stateMachineName: q.get("stateMachineName") || undefined,
    })
  ).mappings;
});

/** POST { functionName (or a state machine's ARN), queueName, batchSize, … } → the mapping, in state Creating (the pollers follow). */
export const POST = route(async ({ req, platform }) =>
  createMapping(platform.services, (await jsonBody(req)) as CreateMappingInput),
);
