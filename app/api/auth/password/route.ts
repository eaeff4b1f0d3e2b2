import { jsonBody, route } from "@/lib/http/route";
import { clientIp, requireSession } from "@/lib/http/session";
import { changePassword } from "@/lib/services/users";
import type { ChangePasswordInput } from "@/lib/services/users/schemas";

export const POST = route(async ({ req, platform }) => {
  const session = await requireSession(req, platform);
  const body = await jsonBody(req);
  await changePassword(platform.services, { userId: session.userId, sessionId: session.id, ip: clientIp(req) }, {
    currentPassword: body.currentPassword,
    newPassword: body.newPassword,
  } as ChangePasswordInput);
});
