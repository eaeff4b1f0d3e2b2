import { route } from "@/lib/http/route";
import { requireSession, signedOut } from "@/lib/http/session";
import { endSession } from "@/lib/services/sessions";

export const POST = route(async ({ req, rt }) => {
  const session = await requireSession(req, rt);
  await endSession(rt.services, session.id);
  return signedOut(req, rt);
});
