/** Writing a function URL's answer: the headers every answer carries, buffered or streamed. */
import type { ServerResponse } from "node:http";
import type { UrlAddress } from "@/lib/url/address";
import type { HttpAnswer } from "@/lib/url/response";

/**
 * The path form is served on the console's own origin: a page a function returns there runs
 * sandboxed (an opaque origin), so its scripts cannot call the console's API as the signed-in user.
 */
const PATH_FORM_CSP = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads";

/** Response headers from an answer's list (Set-Cookie kept apart), with the request id and, for the path form, the CSP. */
export function headersFor(
  requestId: string,
  addr: UrlAddress,
  list: Array<[string, string]>,
  contentLength?: number,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { "x-amzn-requestid": requestId };
  if (contentLength !== undefined) headers["content-length"] = String(contentLength);
  for (const [k, v] of list) {
    const had = headers[k];
    if (k === "set-cookie") headers[k] = had === undefined ? [v] : [...(Array.isArray(had) ? had : [had]), v];
    else headers[k] = v;
  }
  if (addr.form === "path") {
    const own = headers["content-security-policy"];
    headers["content-security-policy"] = own === undefined ? PATH_FORM_CSP : [String(own), PATH_FORM_CSP];
  }
  return headers;
}

/** A whole (buffered) answer; after a streamed answer began, the connection is cut instead. */
export function send(res: ServerResponse, requestId: string, addr: UrlAddress, a: HttpAnswer): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(a.status, headersFor(requestId, addr, a.headers, a.body.length)).end(a.body);
}
