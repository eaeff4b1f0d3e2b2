/**
 * Notes the outbound connections user code opens, to report them with its invocation: every
 * net.Socket#connect (so net, tls, http, https, fetch, and database or SMTP clients that make a
 * `new net.Socket()` alike) — host asked for, address dialled, port, bytes each way, duration,
 * and the error if it failed. Installed before user code loads. This is an account, not the
 * enforcement: the filter sits below the process (nftables in the sandbox's namespace), and a
 * function that goes around this hook still meets it. The supervisor decides "allowed" and
 * "why denied" itself; the worker only reports what happened.
 */
import net from "node:net";

export interface ConnectionReport {
  ts: number;
  host: string;
  address?: string;
  port: number;
  protocol: "tcp" | "tls";
  bytesOut: number;
  bytesIn: number;
  durationMs: number;
  error?: string;
}

interface Tracked {
  socket: net.Socket;
  host: string;
  port: number;
  start: number;
  address?: string;
  /** Bytes already reported (a keep-alive connection is reported again when it carried more). */
  out: number;
  in: number;
  reported: boolean;
}

/** Records per invocation; the supervisor applies the same cap again. */
export const MAX_CONNECTION_REPORTS = 100;

type ConnectArgs = unknown[];
const EMPTY: ConnectionReport[] = [];

/** Host and port of a connect call, or null for a unix socket path. */
function targetOf(args: ConnectArgs): { host: string; port: number } | null {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net.connect() hands over its normalized arguments
  if (first !== null && typeof first === "object") {
    const o = first as { path?: unknown; host?: unknown; port?: unknown };
    if (o.path) return null;
    return { host: typeof o.host === "string" && o.host ? o.host : "localhost", port: Number(o.port) || 0 };
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first)))
    return { host: typeof args[1] === "string" && args[1] ? args[1] : "localhost", port: Number(first) };
  return null;
}

function errorOf(socket: net.Socket): { code?: string; address?: string } {
  const e = (socket as net.Socket & { errored?: unknown }).errored as
    | (Error & { code?: string; address?: string; errors?: Array<{ code?: string; address?: string }> })
    | null
    | undefined;
  if (!e) return {};
  // With several addresses (happy eyeballs) Node reports an AggregateError of the attempts.
  const last = e.errors?.at(-1);
  return { code: e.code ?? last?.code ?? e.name, address: e.address ?? last?.address };
}

export class NetObserver {
  private readonly live = new Set<Tracked>();
  private done: ConnectionReport[] = [];
  private count = 0;
  private dropped = 0;
  /** Called when a record is ready, so the instance can ship it while the call runs. */
  onAdd: (() => void) | null = null;

  /** Patches net.Socket#connect once; `current`: the observer a connection opened now belongs to. */
  static install(current: () => NetObserver): void {
    const proto = net.Socket.prototype;
    const original = proto.connect as (...a: ConnectArgs) => net.Socket;
    const watch = (s: net.Socket, t: { host: string; port: number }) => current().watch(s, t);
    function connect(this: net.Socket, ...args: ConnectArgs): net.Socket {
      const target = targetOf(args);
      const result = original.apply(this, args);
      if (target) {
        try {
          watch(this, target);
        } catch {
          /* never break the caller's connect for an account */
        }
      }
      return result;
    }
    Object.defineProperty(proto, "connect", { value: connect, writable: true, configurable: true });
  }

  watch(socket: net.Socket, target: { host: string; port: number }): void {
    const t: Tracked = { socket, ...target, start: Date.now(), out: 0, in: 0, reported: false };
    if (net.isIP(target.host)) t.address = target.host;
    this.live.add(t);
    socket.once("lookup", (err: Error | null, address: string) => {
      if (!err && typeof address === "string") t.address = address;
    });
    socket.on("connectionAttempt", (ip: string) => (t.address = ip));
    socket.once("connect", () => (t.address = socket.remoteAddress ?? t.address));
    socket.once("close", () => this.finish(t));
  }

  private report(t: Tracked, now: number, error?: { code?: string; address?: string }): ConnectionReport | null {
    const bytesOut = t.socket.bytesWritten ?? 0;
    const bytesIn = t.socket.bytesRead ?? 0;
    const carried = bytesOut > t.out || bytesIn > t.in;
    if (t.reported && !carried && !error?.code) return null;
    const r: ConnectionReport = {
      ts: t.start,
      host: t.host,
      address: error?.address ?? t.address,
      port: t.port,
      // A TLSSocket says so; asking it, rather than importing node:tls for instanceof, keeps ≈1.5 MB
      // out of every idle instance (tls loads crypto and its contexts).
      protocol: (t.socket as net.Socket & { encrypted?: boolean }).encrypted === true ? "tls" : "tcp",
      bytesOut: bytesOut - t.out,
      bytesIn: bytesIn - t.in,
      durationMs: now - t.start,
      error: error?.code,
    };
    t.out = bytesOut;
    t.in = bytesIn;
    t.reported = true;
    return r;
  }

  private push(r: ConnectionReport | null): void {
    if (!r) return;
    if (this.count >= MAX_CONNECTION_REPORTS) {
      this.dropped++;
      return;
    }
    this.count++;
    this.done.push(r);
    this.onAdd?.();
  }

  private finish(t: Tracked): void {
    if (!this.live.delete(t)) return;
    const err = errorOf(t.socket);
    this.push(this.report(t, Date.now(), err.code ? err : undefined));
  }

  /** Records ready so far (shipped while the call runs). */
  drain(): ConnectionReport[] {
    if (!this.done.length) return EMPTY;
    const out = this.done;
    this.done = [];
    return out;
  }

  /**
   * At the end of an invocation: what is ready, plus connections still open that carried bytes in
   * it. Nothing at all when there is nothing (most invocations): the result frame stays as it was.
   */
  take(): { connections?: ConnectionReport[]; connectionsDropped?: number } {
    const now = Date.now();
    // A socket destroyed by its error may not have emitted 'close' yet: it is finished, with the error.
    for (const t of this.live) {
      if (t.socket.destroyed) this.finish(t);
      else this.push(this.report(t, now));
    }
    const connections = this.drain();
    const dropped = this.dropped;
    this.count = 0;
    this.dropped = 0;
    if (!connections.length && !dropped) return {};
    return dropped ? { connections, connectionsDropped: dropped } : { connections };
  }
}
