import { route } from "@/lib/http/route";
import { cancelRollout } from "@/lib/services/rollouts";

type P = { name: string; id: string };

/** POST → the rollout stopped, its alias back on the version it started from. */
export const POST = route<P>(async ({ params, platform }) => cancelRollout(platform.services, params.name, params.id));
