import { jsonBody, route } from "@/lib/http/route";
import { deleteAlias, updateAlias, type UpdateAliasInput } from "@/lib/services/aliases";

type P = { name: string; alias: string };

/** PUT {functionVersion?, description?, routing?, revisionId?} → the alias as changed. */
export const PUT = route<P>(async ({ req, params, platform }) =>
  updateAlias(platform.services, params.name, params.alias, (await jsonBody(req)) as UpdateAliasInput),
);

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteAlias(platform.services, params.name, params.alias);
});
