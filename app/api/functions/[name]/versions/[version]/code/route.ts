import { route } from "@/lib/http/route";
import { getVersionFiles } from "@/lib/services/versions";

type P = { name: string; version: string };

/** The files of $LATEST or a version, with their texts, for the console's diff. */
export const GET = route<P>(async ({ params, platform }) =>
  getVersionFiles(platform.services, params.name, params.version),
);
