import { jsonBody, route } from "@/lib/http/route";
import { createStateMachine, listStateMachineSummaries } from "@/lib/services/state-machines";
import type { CreateStateMachineInput } from "@/lib/services/state-machines/schemas";

/** GET → every state machine (up to 1000) with its newest execution and its recent statuses. */
export const GET = route(async ({ platform }) => listStateMachineSummaries(platform.services));

/** POST { name, definition, type?, description? } → the state machine (the service checks the definition). */
export const POST = route(async ({ req, platform }) => {
  const { name, definition, type, description } = await jsonBody(req);
  return createStateMachine(platform.services, { name, definition, type, description } as CreateStateMachineInput);
});
