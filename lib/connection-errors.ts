/**
 * Which errors mean "the database is not there" (as opposed to "this query was wrong"), for pg's
 * own errors and Prisma's through its pg adapter. No imports: lib/errors.ts uses it.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "53300",
  "57P01",
  "57P02",
  "57P03",
]);
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const CONNECTION_MESSAGE = new RegExp(
  [
    "Connection terminated",
    "timeout exceeded when trying to connect",
    "Client has encountered a connection error",
    "connection is closed",
    "Can't reach database server",
    "terminating connection due to",
  ].join("|"),
  "i",
);

/** True when `err` says the database could not be reached or dropped the connection (not: the query was wrong). */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (typeof err !== "object" || err === null || depth > 4) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const code = typeof e.code === "string" ? e.code : "";
  if (CONNECTION_CODES.has(code) || PRISMA_CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (
    adapter &&
    (ADAPTER_KINDS.has(String(adapter.kind)) ||
      CONNECTION_CODES.has(String(adapter.originalCode)) ||
      /^08/.test(String(adapter.originalCode ?? "")))
  )
    return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGE.test(e.message)) return true;
  return isConnectionError(e.cause, depth + 1);
}

const ADAPTER_REASONS: Record<string, string> = {
  DatabaseNotReachable: "the database server cannot be reached",
  ConnectionClosed: "the database closed the connection",
  SocketTimeout: "the database did not answer in time",
  TooManyConnections: "the database has too many connections",
};

/** A short reason for an operator, without the URL or the password. */
export function connectionReason(err: unknown): string {
  const e = err as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  } | null;
  const kind = e?.meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === "string") return ADAPTER_REASONS[kind] ?? kind;
  const message =
    typeof e?.message === "string"
      ? (e.message
          .split("\n")
          .find((l) => l.trim())
          ?.trim() ?? "")
      : "";
  return (message || String(e?.code ?? "unknown error"))
    .replace(/postgres(ql)?:\/\/\S+/g, "<database url>")
    .slice(0, 200);
}
