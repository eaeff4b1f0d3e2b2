import { route } from "@/lib/http/route";
import { rollbackAlias } from "@/lib/services/rollouts";

type P = { name: string; alias: string };

/** POST → the alias pointed back at the version it had before its current one. */
export const POST = route<P>(async ({ params, platform }) =>
  rollbackAlias(platform.services, params.name, params.alias),
);
