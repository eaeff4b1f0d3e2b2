import { route, jsonBody } from "@/lib/http/route";
import { createSchedule, listSchedules, type CreateScheduleInput } from "@/lib/services/schedules";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) => listSchedules(platform.services, params.name));
export const POST = route<P>(async ({ req, params, platform }) =>
  createSchedule(platform.services, params.name, (await jsonBody(req)) as CreateScheduleInput),
);
