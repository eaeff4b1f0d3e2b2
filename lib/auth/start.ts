import type { Settings } from "@/lib/env";
import type { ServiceContext } from "@/lib/services/context";
import { applyAdminPassword, hasUsers } from "@/lib/services/users";
import { ConsoleAuth } from "@/lib/auth/console-auth";
import { newSetupCode, writeSetupCode } from "@/lib/auth/setup-code";
import type { Logger } from "@/lib/log";

/**
 * At start: NIMBUS_ADMIN_PASSWORD creates or resets `admin`; without it and without any user,
 * first-run setup opens behind a one-time code that only whoever reads the log or the data
 * folder knows — a stranger who reaches the port first cannot claim the console.
 */
export async function startConsoleAuth(
  settings: Settings,
  ctx: ServiceContext,
  log: Logger,
  port: number = settings.PORT,
): Promise<ConsoleAuth> {
  const auth = new ConsoleAuth(ctx, settings.dataDir);
  if (settings.NIMBUS_ADMIN_PASSWORD) {
    const outcome = await applyAdminPassword(ctx, settings.NIMBUS_ADMIN_PASSWORD);
    if (outcome !== "unchanged")
      log.info(
        `NIMBUS_ADMIN_PASSWORD: user admin ${outcome === "created" ? "created" : "password reset, its sessions ended"}`,
      );
  }
  if (await hasUsers(ctx)) {
    auth.usersCreated();
    return auth;
  }
  auth.setupCode = newSetupCode();
  const file = writeSetupCode(settings.dataDir, auth.setupCode);
  const host = settings.HOST === "0.0.0.0" || settings.HOST === "::" ? "localhost" : settings.HOST;
  log.info(
    `No console user yet. Open http://${host}:${port}/setup and enter the code ${auth.setupCode} ` +
      `(also in ${file}), or start with NIMBUS_ADMIN_PASSWORD.`,
  );
  return auth;
}
