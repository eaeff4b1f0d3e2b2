import { route, jsonBody } from "@/lib/http/route";
import { browseVersions, publishVersion } from "@/lib/services/versions";

type P = { name: string };

/** $LATEST and the published versions, newest first, with who published each. */
export const GET = route<P>(async ({ req, params, platform }) => {
  const limit = new URL(req.url).searchParams.get("limit");
  return browseVersions(platform.services, params.name, limit ? { limit: Number(limit) } : {});
});

/**
 * Publishes $LATEST. `codeSha256` (what the console showed) makes it conditional, as PublishVersion's
 * CodeSha256 does: code deployed meanwhile from elsewhere is not published unseen.
 */
export const POST = route<P>(async ({ req, params, platform }) => {
  const { description, codeSha256 } = await jsonBody(req);
  return publishVersion(platform.services, params.name, { description, codeSha256 } as {
    description?: string;
    codeSha256?: string;
  });
});
