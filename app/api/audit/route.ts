import { route } from "@/lib/http/route";
import { listAuditEvents } from "@/lib/services/audit/list";

/** The audit log: ?action=function.&resource=&actor=&from=&to=&limit=&cursor= */
export const GET = route(async ({ req, platform }) => {
  const q = new URL(req.url).searchParams;
  const opt = (k: string) => q.get(k) || undefined;
  return listAuditEvents(platform.services, {
    action: opt("action"),
    resource: opt("resource"),
    actor: opt("actor"),
    from: opt("from"),
    to: opt("to"),
    limit: opt("limit") as unknown as number,
    cursor: opt("cursor"),
  });
});
