import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { AppError, conflict } from "@/lib/errors";
import { hashPassword } from "@/lib/crypto/password";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit/record";
import { parseInput } from "@/lib/services/validate";
import { setupInput, toUserRecord, type SetupInput, type UserRecord } from "@/lib/services/users/schemas";

/** Serializes first-run setups across servers sharing the database (any constant would do). */
const SETUP_LOCK = 72707370;

const digest = (s: string) => createHash("sha256").update(s.toUpperCase().replace(/[\s-]/g, "")).digest();

/**
 * First-run setup: creates the first user, only with the one-time code this server printed,
 * and only while no user exists. The count and the insert share a transaction under an
 * advisory lock, so two racing setups (even on two servers) cannot both succeed.
 */
export async function createFirstAdmin(
  ctx: ServiceContext,
  input: SetupInput,
  expectedCode: string | null,
): Promise<UserRecord> {
  const data = parseInput(setupInput, input);
  if (!expectedCode) throw conflict("Setup is already done: sign in instead");
  // Hash both sides so the comparison is constant-time whatever the lengths.
  if (!timingSafeEqual(digest(data.setupCode), digest(expectedCode))) {
    throw new AppError(
      "AccessDeniedException",
      "The setup code is not correct. It is in the server log and in the file setup-code in the data folder.",
      { field: "setupCode" },
    );
  }
  const passwordHash = await hashPassword(data.password);
  const user = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK}::bigint)`;
    if ((await tx.user.count()) > 0) return null;
    const created = await tx.user.create({ data: { id: randomUUID(), username: data.username, passwordHash } });
    await recordAudit(tx, ctx, "user.create-first-admin", data.username, { via: "first-run setup" });
    return created;
  });
  if (!user) throw conflict("Setup is already done: sign in instead");
  return toUserRecord(user);
}
