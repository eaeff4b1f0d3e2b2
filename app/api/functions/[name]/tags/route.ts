import { jsonBody, route } from "@/lib/http/route";
import { replaceTags, type Tags } from "@/lib/services/tags";

type P = { name: string };

/** PUT {tags: {key: value}} → the function's tags, replaced as a whole. */
export const PUT = route<P>(async ({ req, params, platform }) => ({
  tags: await replaceTags(platform.services, params.name, ((await jsonBody(req)).tags ?? {}) as Tags),
}));
