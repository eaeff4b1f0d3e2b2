import { route, jsonBody } from "@/lib/http/route";
import { getEventInvokeConfigOrDefault, putEventInvokeConfig } from "@/lib/services/event-invoke-config";

type P = { name: string };

export const GET = route<P>(async ({ params, rt }) => getEventInvokeConfigOrDefault(rt.services, params.name));
export const PUT = route<P>(async ({ req, params, rt }) =>
  putEventInvokeConfig(rt.services, params.name, await jsonBody(req)),
);
