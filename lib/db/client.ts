import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export interface Db {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** One pg pool per process, shared by Prisma (control plane) and the batched writers. */
export function createDb(url: string, max = 20): Db {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on("error", (err) => process.stderr.write(`[db] idle client error: ${err.message}\n`));
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
