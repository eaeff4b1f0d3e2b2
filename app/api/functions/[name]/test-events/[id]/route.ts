import { route, jsonBody } from "@/lib/http/route";
import { deleteTestEvent, updateTestEvent } from "@/lib/services/test-events";

type P = { name: string; id: string };

export const PATCH = route<P>(async ({ req, params, platform }) =>
  updateTestEvent(platform.services, params.name, params.id, await jsonBody(req)),
);
export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteTestEvent(platform.services, params.name, params.id);
});
