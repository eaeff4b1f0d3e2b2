import { route, jsonBody } from "@/lib/http/route";
import { getEventInvokeConfigOrDefault, putEventInvokeConfig } from "@/lib/services/event-invoke-config";

type P = { name: string };

export const GET = route<P>(async ({ params, platform }) =>
  getEventInvokeConfigOrDefault(platform.services, params.name),
);
export const PUT = route<P>(async ({ req, params, platform }) =>
  putEventInvokeConfig(platform.services, params.name, await jsonBody(req)),
);
