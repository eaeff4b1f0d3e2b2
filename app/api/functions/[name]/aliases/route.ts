import { jsonBody, route } from "@/lib/http/route";
import { createAlias, listAliases, type CreateAliasInput } from "@/lib/services/aliases";
import { listRollouts } from "@/lib/services/rollouts";

type P = { name: string };

/** GET → the function's aliases, each with its running rollout (if any). */
export const GET = route<P>(async ({ params, platform }) => {
  const [page, rollouts] = await Promise.all([
    listAliases(platform.services, params.name, { maxItems: 1000 }),
    listRollouts(platform.services, params.name, { limit: 50 }),
  ]);
  return {
    items: page.items.map((a) => ({
      ...a,
      rollout: rollouts.find((r) => r.alias === a.name && r.state === "running") ?? null,
    })),
  };
});

/** POST {name, functionVersion, description?, routing?} → the new alias. */
export const POST = route<P>(async ({ req, params, platform }) =>
  createAlias(platform.services, params.name, (await jsonBody(req)) as unknown as CreateAliasInput),
);
