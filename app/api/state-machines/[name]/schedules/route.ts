import { jsonBody, route } from "@/lib/http/route";
import { type CreateScheduleInput, createSchedule, listSchedules } from "@/lib/services/schedules";

type P = { name: string };

/** A state machine's schedules (each fire starts an execution): the same verbs as a function's. */
export const GET = route<P>(async ({ params, platform }) =>
  listSchedules(platform.services, { stateMachine: params.name }),
);
export const POST = route<P>(async ({ req, params, platform }) =>
  createSchedule(platform.services, { stateMachine: params.name }, (await jsonBody(req)) as CreateScheduleInput),
);
