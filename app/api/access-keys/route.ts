import { route, jsonBody } from "@/lib/http/route";
import { createAccessKey, listAccessKeys } from "@/lib/services/access-keys";

export const dynamic = "force-dynamic";

export const GET = route(async ({ platform }) => listAccessKeys(platform.services));
export const POST = route(async ({ req, platform }) =>
  createAccessKey(platform.services, (await jsonBody(req)) as { description?: string }),
);
