import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { isConnectionError } from "@/lib/connection-errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/log";

export interface Db {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** One pg pool per process, shared by Prisma (control plane) and the batched writers. */
export function createDb(url: string, log: Logger, max = 20): Db {
  // A bounded connect: with the database gone, a query fails in seconds instead of waiting forever.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // A database that went away is reported once by the health watcher (lib/db/health.ts), not per idle connection.
  pool.on("error", (err) => {
    if (!isConnectionError(err)) log.error(`idle client error: ${err.message}`);
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    close: async () => {
      await prisma.$disconnect().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
