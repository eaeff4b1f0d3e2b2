import { route, jsonBody } from "@/lib/http/route";
import { createAccessKey, listAccessKeys } from "@/lib/services/access-keys";

export const dynamic = "force-dynamic";

export const GET = route(async ({ rt }) => listAccessKeys(rt.services));
export const POST = route(async ({ req, rt }) =>
  createAccessKey(rt.services, (await jsonBody(req)) as { description?: string }),
);
