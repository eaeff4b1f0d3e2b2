/**
 * Queue URLs: `<scheme>://<host>/<account>/<queue name>`, as SQS writes them. The host is the one
 * the request came to: the v3 SDK sends a queue's requests to its URL's origin (unless the client
 * was given an endpoint), so a URL must point where the caller reaches this server. A URL a request
 * carries is read by its last path segment, whatever its host (a proxy, a container alias or an
 * AWS-style URL all name the same queue).
 */
import type { IncomingMessage } from "node:http";
import { queueNotFound } from "@/lib/services/queues/get";

export function queueUrl(req: IncomingMessage, accountId: string, name: string): string {
  const forwarded = req.headers["x-forwarded-proto"];
  const scheme = forwarded === "https" ? "https" : "http";
  const host = req.headers.host ?? `localhost:${req.socket.localPort ?? 3000}`;
  return `${scheme}://${host}/${accountId}/${encodeURIComponent(name)}`;
}

/** The queue name a QueueUrl names; a URL that names none is QueueDoesNotExist. */
export function queueNameOf(url: unknown): string {
  if (typeof url !== "string" || url === "") throw queueNotFound(String(url ?? ""));
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url; // a bare name or path
  }
  const name = decodeURIComponent(path.split("/").filter(Boolean).at(-1) ?? "");
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(name)) throw queueNotFound(url);
  return name;
}

export { queueArn, queueNameOfArn } from "@/lib/message-queues/arn";
