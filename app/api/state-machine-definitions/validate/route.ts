import { invalid } from "@/lib/errors";
import { jsonBody, route } from "@/lib/http/route";
import { checkDefinition } from "@/lib/services/state-machines";

/** POST { definition, type? } → { ok, diagnostics }: the editor's markers, as CreateStateMachine would judge it. */
export const POST = route(async ({ req }) => {
  const { definition, type } = await jsonBody(req);
  if (typeof definition !== "string") throw invalid("definition must be the definition's JSON text");
  if (type !== undefined && type !== "STANDARD" && type !== "EXPRESS")
    throw invalid("type must be STANDARD or EXPRESS");
  const { ok, diagnostics } = checkDefinition(definition, type);
  return { ok, diagnostics };
});
