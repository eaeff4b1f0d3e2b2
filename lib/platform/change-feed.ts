/**
 * Function changes, shared between Nimbus servers on one database: each change is
 * applied locally at once and published with NOTIFY; every other server LISTENs and
 * drops its cached copy. After a lost connection everything cached is dropped.
 * Access-key changes ride the same channel (`kind: "access-key"`), so a key deactivated on one
 * server stops working on all of them within the NOTIFY latency.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { PgListener } from "@/lib/db/listener";
import type { FunctionChange } from "@/lib/services/context";
import type { Logger } from "@/lib/log";

const CHANNEL = "nimbus_function_changes";

export class ChangeFeed {
  readonly origin = randomUUID();
  private readonly listener: PgListener;

  constructor(
    url: string,
    private readonly pool: pg.Pool,
    private readonly onRemote: (c: FunctionChange | "all") => void,
    private readonly log: Logger,
    private readonly onRemoteKey: (id: string | "all") => void = () => {},
    /** Console sessions ended elsewhere (logout, password change): cached ones must go. */
    private readonly onRemoteSessions: () => void = () => {},
    /** A function's URL config or policy changed elsewhere ("all": everything cached may be stale). */
    private readonly onRemoteUrls: (functionId: string | "all") => void = () => {},
    /** Queues and event source mappings changed elsewhere (a queue's name, or "all"). */
    private readonly more: {
      onRemoteQueue?: (name: string | "all") => void;
      onRemoteEventSources?: () => void;
    } = {},
  ) {
    // Caches stay as they are while the connection is away (nothing can change without the
    // database, and warm functions keep serving from them); once it is back, everything cached is
    // dropped, since notifications sent meanwhile were missed.
    this.listener = new PgListener(url, CHANNEL, {
      notify: (payload) => this.received(payload),
      lost: (err) => this.log.warn(`listener lost (${err.message}); reconnecting`),
      back: () => {
        this.log.info("listener back; cached functions, keys and sessions reloaded from the database");
        this.onRemote("all");
        this.onRemoteKey("all");
        this.onRemoteSessions();
        this.onRemoteUrls("all");
        this.more.onRemoteQueue?.("all");
        this.more.onRemoteEventSources?.();
      },
    });
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  private received(payload: string): void {
    try {
      const msg = JSON.parse(payload) as FunctionChange & { origin: string; kind?: string };
      if (msg.origin === this.origin) return;
      if (msg.kind === "access-key") this.onRemoteKey(msg.id);
      else if (msg.kind === "sessions") this.onRemoteSessions();
      else if (msg.kind === "function-url") this.onRemoteUrls(msg.id);
      else if (msg.kind === "queue") this.more.onRemoteQueue?.(msg.name);
      else if (msg.kind === "event-sources") this.more.onRemoteEventSources?.();
      else this.onRemote({ id: msg.id, name: msg.name, revision: msg.revision });
    } catch {
      /* not ours */
    }
  }

  publish(change: FunctionChange): void {
    this.notify({ ...change });
  }

  publishAccessKey(id: string): void {
    this.notify({ kind: "access-key", id });
  }

  publishUrlsChanged(functionId: string): void {
    this.notify({ kind: "function-url", id: functionId });
  }

  publishSessionsEnded(): void {
    this.notify({ kind: "sessions" });
  }

  publishQueueChanged(name: string): void {
    this.notify({ kind: "queue", name });
  }

  publishEventSourcesChanged(): void {
    this.notify({ kind: "event-sources" });
  }

  private notify(message: object): void {
    const payload = JSON.stringify({ ...message, origin: this.origin });
    this.pool
      .query("SELECT pg_notify($1, $2)", [CHANNEL, payload])
      .catch((e: Error) => this.log.warn(`publish failed: ${e.message}`));
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
