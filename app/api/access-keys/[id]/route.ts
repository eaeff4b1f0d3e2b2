import { route, jsonBody } from "@/lib/http/route";
import { deleteAccessKey, updateAccessKeyStatus } from "@/lib/services/access-keys";

type P = { id: string };

export const PATCH = route<P>(async ({ req, params, platform }) =>
  updateAccessKeyStatus(platform.services, params.id, (await jsonBody(req)) as { status: unknown }),
);
export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteAccessKey(platform.services, params.id);
});
