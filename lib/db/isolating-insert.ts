/**
 * A batched INSERT that one bad row cannot block. When PostgreSQL refuses a batch because of
 * what is in it (a data exception, a constraint, a program limit), the batch is split in
 * halves until the refused rows stand alone; those are handed to `onRefused` and the rest is
 * written. Anything else (the database is down, the connection broke) is thrown as it is: the
 * caller keeps the whole batch and tries again later.
 */

/** SQLSTATE classes that mean "this data", not "this database": 22 data exception, 23 integrity, 54 program limit. */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

/** Inserts `rows` with `insert` (which writes all it is given in one statement); returns how many were refused. */
export async function insertIsolating<T>(
  rows: T[],
  insert: (rows: T[]) => Promise<unknown>,
  onRefused: (row: T, err: Error) => void,
): Promise<number> {
  if (rows.length === 0) return 0;
  try {
    await insert(rows);
    return 0;
  } catch (err) {
    if (!isDataError(err)) throw err;
    if (rows.length === 1) {
      onRefused(rows[0]!, err as Error);
      return 1;
    }
    const mid = Math.ceil(rows.length / 2);
    return (
      (await insertIsolating(rows.slice(0, mid), insert, onRefused)) +
      (await insertIsolating(rows.slice(mid), insert, onRefused))
    );
  }
}
