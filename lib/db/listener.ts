/**
 * One connection that LISTENs on a channel and comes back by itself: when it breaks, its owner is
 * told (`lost`) and it reconnects with a growing pause (250 ms to `maxRetryMs`); once back, the
 * owner is told again (`back`) — notifications sent meanwhile were missed, so it should assume
 * anything changed. The change feed and the queues' wake-ups each keep one.
 */
import pg from "pg";

export interface ListenerEvents {
  notify(payload: string): void;
  lost?(err: Error): void;
  back?(): void;
}

export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly on: ListenerEvents,
    private readonly maxRetryMs = 10_000,
  ) {}

  /** Connects and listens; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on("notification", (n) => {
      if (n.payload) this.on.notify(n.payload);
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      throw err;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private lost(client: pg.Client, err: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.on.lost?.(err);
    this.retry();
  }

  private retry(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.connect().then(
        () => this.on.back?.(),
        () => {
          this.retryMs = Math.min(this.maxRetryMs, this.retryMs * 2);
          this.retry();
        },
      );
    }, this.retryMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
