import { route } from "@/lib/http/route";
import { deleteFunctionVersion } from "@/lib/services/versions";

type P = { name: string; version: string };

/** Deletes a published version (refused for $LATEST, and by the service for one still in use). */
export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteFunctionVersion(platform.services, params.name, params.version);
});
