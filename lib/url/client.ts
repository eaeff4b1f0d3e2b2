/**
 * Who asked, as a function URL's event reports it: the host the client used, its address, and the
 * scheme and port it connected with. A reverse proxy named in NIMBUS_TRUSTED_PROXIES speaks for the
 * client through X-Forwarded-Host/-For/-Proto/-Port; from anyone else those headers are ignored
 * (and the event's x-forwarded-* headers are rewritten, so a function may trust them, as on AWS).
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { clientIpOf } from "@/lib/auth/client-ip";

export interface UrlClient {
  /** Host header as the client sent it (with port, if any). */
  host: string;
  sourceIp: string;
  proto: "http" | "https";
  port: string;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || undefined;

const fromTrusted = (req: IncomingMessage, trusted: ReadonlySet<string>) =>
  trusted.size > 0 && trusted.has(clientIpOf(req.socket.remoteAddress, undefined, trusted));

/** The Host the client asked for: a trusted reverse proxy's X-Forwarded-Host, else the Host header. */
export function hostOf(req: IncomingMessage, trusted: ReadonlySet<string>): string | undefined {
  const forwarded = first(req.headers["x-forwarded-host"]);
  return forwarded && fromTrusted(req, trusted) ? forwarded : req.headers.host;
}

export function urlClientOf(req: IncomingMessage, host: string | undefined, trusted: ReadonlySet<string>): UrlClient {
  const proxied = fromTrusted(req, trusted);
  const ownProto = (req.socket as TLSSocket).encrypted ? "https" : "http";
  const fwdProto = proxied ? first(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const proto = fwdProto === "https" || fwdProto === "http" ? fwdProto : ownProto;
  const fwdPort = proxied ? first(req.headers["x-forwarded-port"]) : undefined;
  const hostPort = /:(\d{1,5})$/.exec(host ?? "")?.[1];
  const port =
    fwdPort && /^\d{1,5}$/.test(fwdPort)
      ? fwdPort
      : (hostPort ?? (proxied ? (proto === "https" ? "443" : "80") : String(req.socket.localPort ?? 80)));
  return {
    host: host ?? "",
    sourceIp: clientIpOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted),
    proto,
    port,
  };
}
