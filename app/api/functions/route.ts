import { route, jsonBody } from "@/lib/http/route";
import { createFunction, listFunctions } from "@/lib/services/functions";
import { zipFiles } from "@/lib/code/package";
import { templates, SINGLE_FILE_NAME, type TemplateId } from "@/lib/code/templates";
import { invalid } from "@/lib/errors";

export const GET = route(async ({ req, rt }) => {
  const q = new URL(req.url).searchParams;
  return listFunctions(rt.services, {
    marker: q.get("marker") ?? undefined,
    maxItems: q.has("limit") ? Number(q.get("limit")) : 50,
    search: q.get("search") ?? undefined,
  });
});

export const POST = route(async ({ req, rt }) => {
  const body = await jsonBody(req);
  const template = (body.template ?? "hello-world") as TemplateId;
  const source = typeof body.source === "string" ? body.source : templates[template]?.source;
  if (source === undefined) throw invalid(`Unknown template ${String(body.template)}`);
  return createFunction(rt.services, {
    name: String(body.name ?? ""),
    description: typeof body.description === "string" ? body.description : undefined,
    memoryMb: typeof body.memoryMb === "number" ? body.memoryMb : undefined,
    timeoutSec: typeof body.timeoutSec === "number" ? body.timeoutSec : undefined,
    zip: zipFiles({ [SINGLE_FILE_NAME]: source }),
  });
});
