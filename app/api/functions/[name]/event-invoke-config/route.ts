import { route, jsonBody } from "@/lib/http/route";
import { DEFAULT_EVENT_INVOKE_CONFIG, putEventInvokeConfig } from "@/lib/services/event-invoke-config";
import { getFunctionOrThrow } from "@/lib/services/functions";

type P = { name: string };

/** The function's async settings, Lambda's defaults when none were set. */
export const GET = route<P>(async ({ params, rt }) => {
  const fn = await getFunctionOrThrow(rt.services, params.name);
  return (await rt.services.db.eventInvokeConfig.findUnique({ where: { functionId: fn.id } })) ?? { functionId: fn.id, ...DEFAULT_EVENT_INVOKE_CONFIG, updatedAt: null };
});

export const PUT = route<P>(async ({ req, params, rt }) => putEventInvokeConfig(rt.services, params.name, await jsonBody(req)));
