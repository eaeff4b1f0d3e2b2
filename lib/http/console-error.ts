/**
 * The console API's error shape, `{ error: { code, message, ...fields } }`, for the server front
 * (which answers some requests before Next sees them). Route handlers answer through
 * lib/http/route.ts, which builds the same shape.
 */
import type { ServerResponse } from "node:http";

export function consoleErrorBody(code: string, message: string, fields: Record<string, string | number> = {}): string {
  return JSON.stringify({ error: { code, message, ...fields } });
}

export function sendConsoleError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers })
    .end(consoleErrorBody(code, message));
}
