import { jsonBody, route } from "@/lib/http/route";
import { listRollouts, startRollout, type StartRolloutInput } from "@/lib/services/rollouts";

type P = { name: string };

/** GET ?alias= → the function's rollouts, newest first, with their decisions. */
export const GET = route<P>(async ({ req, params, platform }) => ({
  items: await listRollouts(platform.services, params.name, {
    alias: new URL(req.url).searchParams.get("alias") ?? undefined,
  }),
}));

/** POST {alias, toVersion, strategy, stepPercent, intervalSeconds, thresholds…} → the running rollout. */
export const POST = route<P>(async ({ req, params, platform }) =>
  startRollout(platform.services, params.name, (await jsonBody(req)) as unknown as StartRolloutInput),
);
