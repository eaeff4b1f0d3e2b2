import { route, jsonBody } from "@/lib/http/route";
import { browseFunctions, createFunction } from "@/lib/services/functions";
import { consoleSourcePackage } from "@/lib/code/package";
import { templates, SINGLE_FILE_NAME, type TemplateId } from "@/lib/code/templates";
import { invalid } from "@/lib/errors";

export const GET = route(async ({ req, platform }) => {
  const q = new URL(req.url).searchParams;
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  return browseFunctions(platform.services, {
    search: q.get("search") || undefined,
    tag: q.get("tag") || undefined,
    sort: (q.get("sort") ?? undefined) as "name" | undefined,
    order: (q.get("order") ?? undefined) as "asc" | undefined,
    page: num("page"),
    pageSize: num("pageSize"),
  });
});

export const POST = route(async ({ req, platform }) => {
  const body = await jsonBody(req);
  const template = (body.template ?? "hello-world") as TemplateId;
  const source = typeof body.source === "string" ? body.source : templates[template]?.source;
  if (source === undefined) throw invalid(`Unknown template ${String(body.template)}`);
  return createFunction(platform.services, {
    name: typeof body.name === "string" ? body.name : "",
    description: typeof body.description === "string" ? body.description : undefined,
    memoryMb: typeof body.memoryMb === "number" ? body.memoryMb : undefined,
    timeoutSec: typeof body.timeoutSec === "number" ? body.timeoutSec : undefined,
    zip: consoleSourcePackage(source, SINGLE_FILE_NAME),
  });
});
