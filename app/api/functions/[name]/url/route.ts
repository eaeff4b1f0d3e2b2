import { functionUrlOf } from "@/lib/aws/function-url";
import { jsonBody, route } from "@/lib/http/route";
import type { Platform } from "@/lib/platform/types";
import {
  deleteFunctionUrl,
  findFunctionUrl,
  saveFunctionUrl,
  type CreateUrlInput,
  type FunctionUrlRecord,
} from "@/lib/services/function-urls";
import { allowsPublicUrl, getPolicy } from "@/lib/services/permissions";

type P = { name: string };

/** The URL in both forms, its settings, and the function's policy (or nulls when there is no URL / policy). */
async function view(platform: Platform, name: string, url: FunctionUrlRecord | null) {
  const policy = await getPolicy(platform.services, name).catch(() => null);
  return {
    url: url && {
      functionUrl: functionUrlOf(url.urlId, platform.urlSettings),
      pathUrl: `/lambda-url/${url.urlId}/`,
      urlId: url.urlId,
      authType: url.authType,
      cors: url.cors,
      invokeMode: url.invokeMode,
      createdAt: url.createdAt.toISOString(),
      updatedAt: url.updatedAt.toISOString(),
    },
    policy: policy && { document: JSON.parse(policy.policy), revisionId: policy.revisionId },
    publicAccess: policy ? allowsPublicUrl(policy.statements) : false,
  };
}

export const GET = route<P>(async ({ params, platform }) =>
  view(platform, params.name, await findFunctionUrl(platform.services, params.name)),
);

export const PUT = route<P>(async ({ req, params, platform }) => {
  const saved = await saveFunctionUrl(platform.services, params.name, (await jsonBody(req)) as CreateUrlInput);
  return view(platform, params.name, saved);
});

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteFunctionUrl(platform.services, params.name);
});
