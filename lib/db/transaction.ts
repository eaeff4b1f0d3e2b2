/**
 * One transaction on a client of its own: COMMIT when `fn` resolves, ROLLBACK when it throws (the
 * error goes on), the client back to the pool either way. A `fn` that found nothing to do just
 * returns: committing a transaction that wrote nothing is the same as rolling it back.
 */
import type pg from "pg";

export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
