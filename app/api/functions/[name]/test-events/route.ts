import { route, jsonBody } from "@/lib/http/route";
import { createTestEvent, listTestEvents, type CreateTestEventInput } from "@/lib/services/test-events";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) => listTestEvents(platform.services, params.name));
export const POST = route<P>(async ({ req, params, platform }) =>
  createTestEvent(platform.services, params.name, (await jsonBody(req)) as CreateTestEventInput),
);
