import { jsonBody, route } from "@/lib/http/route";
import { signedIn } from "@/lib/http/session";
import { createSession } from "@/lib/services/sessions";
import { createFirstAdmin } from "@/lib/services/users";
import type { SetupInput } from "@/lib/services/users/schemas";

export const POST = route(async ({ req, platform }) => {
  const body = await jsonBody(req);
  const input = {
    username: body.username || undefined,
    password: body.password,
    setupCode: body.setupCode,
  } as SetupInput;
  const user = await createFirstAdmin(platform.services, input, platform.auth.setupCode);
  platform.auth.usersCreated();
  const { token, session } = await createSession(platform.services, user);
  return signedIn(req, platform, token, session, 201);
});
