/**
 * The two reads on the invoke path (only on a cache miss), in plain SQL over the shared
 * pool: through Prisma the code package read took 10–20 ms (bytea through the query
 * compiler and driver adapter), directly ≈1 ms. The control plane's verbs use Prisma; the
 * batched writers, log and metric queries, the queue and the scheduler use plain SQL too.
 */
import type pg from "pg";
import type { Fn, FunctionVersion } from "@/lib/generated/prisma/client";

export async function selectFunctionByName(pool: pg.Pool, name: string): Promise<Fn | null> {
  const { rows } = await pool.query<Fn>(`SELECT * FROM functions WHERE name = $1`, [name]);
  return rows[0] ?? null;
}

/** One published version of a function (the function itself: selectFunctionByName). */
export async function selectVersion(
  pool: pg.Pool,
  functionId: string,
  version: number,
): Promise<FunctionVersion | null> {
  const { rows } = await pool.query<FunctionVersion>(
    `SELECT * FROM function_versions WHERE "functionId" = $1 AND version = $2`,
    [functionId, version],
  );
  return rows[0] ?? null;
}

/** An alias's targets, by function name and alias name. */
export async function selectAlias(
  pool: pg.Pool,
  functionName: string,
  alias: string,
): Promise<{ functionVersion: string; additionalVersion: string | null; additionalWeight: number } | null> {
  const { rows } = await pool.query(
    `SELECT a."functionVersion", a."additionalVersion", a."additionalWeight"
       FROM function_aliases a JOIN functions f ON f.id = a."functionId" WHERE f.name = $1 AND a.name = $2`,
    [functionName, alias],
  );
  return rows[0] ?? null;
}

export async function selectCodePackage(pool: pg.Pool, sha256: string): Promise<Buffer | null> {
  const { rows } = await pool.query<{ zip: Buffer }>(`SELECT zip FROM code_packages WHERE sha256 = $1`, [sha256]);
  return rows[0]?.zip ?? null;
}
