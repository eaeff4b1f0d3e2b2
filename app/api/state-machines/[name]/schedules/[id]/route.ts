import { jsonBody, route } from "@/lib/http/route";
import { deleteSchedule, updateSchedule } from "@/lib/services/schedules";

type P = { name: string; id: string };

export const PATCH = route<P>(async ({ req, params, platform }) =>
  updateSchedule(platform.services, { stateMachine: params.name }, params.id, await jsonBody(req)),
);
export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteSchedule(platform.services, { stateMachine: params.name }, params.id);
});
