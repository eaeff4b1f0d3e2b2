import { jsonBody, route } from "@/lib/http/route";
import { deleteStateMachine, getStateMachineOrThrow, updateStateMachine } from "@/lib/services/state-machines";
import type { UpdateStateMachineInput } from "@/lib/services/state-machines/schemas";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) => getStateMachineOrThrow(platform.services, params.name));

/** PUT { definition?, description?, revisionId? } → the machine; a stale revisionId is a 412 (someone saved first). */
export const PUT = route<P>(async ({ req, params, platform }) => {
  const { definition, description, revisionId } = await jsonBody(req);
  return updateStateMachine(platform.services, params.name, {
    definition,
    description,
    revisionId,
  } as UpdateStateMachineInput);
});

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteStateMachine(platform.services, params.name);
});
