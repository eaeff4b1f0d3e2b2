import { jsonBody, route } from "@/lib/http/route";
import { signedIn } from "@/lib/http/session";
import { createSession } from "@/lib/services/sessions";
import { createFirstAdmin } from "@/lib/services/users";
import type { SetupInput } from "@/lib/services/users/schemas";

export const POST = route(async ({ req, rt }) => {
  const body = await jsonBody(req);
  const input = {
    username: body.username || undefined,
    password: body.password,
    setupCode: body.setupCode,
  } as SetupInput;
  const user = await createFirstAdmin(rt.services, input, rt.auth.setupCode);
  rt.auth.usersCreated();
  const { token, session } = await createSession(rt.services, user);
  return signedIn(req, rt, token, session, 201);
});
