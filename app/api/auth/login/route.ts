import { jsonBody, route } from "@/lib/http/route";
import { clientIp, signedIn } from "@/lib/http/session";
import { login, type LoginInput } from "@/lib/services/sessions";

export const POST = route(async ({ req, platform }) => {
  const body = await jsonBody(req);
  const { token, session } = await login(
    platform.services,
    { username: body.username, password: body.password } as LoginInput,
    clientIp(req),
  );
  return signedIn(req, platform, token, session);
});
