import { route, jsonBody } from "@/lib/http/route";
import { createTestEvent, listTestEvents, type CreateTestEventInput } from "@/lib/services/test-events";

type P = { name: string };

export const GET = route<P>(async ({ params, rt }) => listTestEvents(rt.services, params.name));
export const POST = route<P>(async ({ req, params, rt }) =>
  createTestEvent(rt.services, params.name, (await jsonBody(req)) as CreateTestEventInput),
);
