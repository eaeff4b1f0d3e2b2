import { route } from "@/lib/http/route";
import { requireSession, signedOut } from "@/lib/http/session";
import { endSession } from "@/lib/services/sessions";

export const POST = route(async ({ req, platform }) => {
  const session = await requireSession(req, platform);
  await endSession(platform.services, session.id);
  return signedOut(req, platform);
});
