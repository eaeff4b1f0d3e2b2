/**
 * The records' place on disk when the database cannot take them. Two files under
 * `$NIMBUS_DATA_DIR/records/`:
 *  - `pending.jsonl`: good rows that could not be written yet (the database was down past the
 *    memory bound, or at shutdown). The writer feeds them back once the database takes writes
 *    again, also after a restart.
 *  - `quarantine.jsonl`: rows PostgreSQL refused for what is in them, kept for a person to look
 *    at (bounded; past the bound they are counted, not kept).
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, createReadStream } from "node:fs";
import path from "node:path";
import readline from "node:readline";

const MAX_QUARANTINE_BYTES = 64 * 1024 * 1024;

export class RecordSpill {
  readonly dir: string;
  private readonly pendingFile: string;
  private readonly quarantineFile: string;
  quarantined = 0;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, "records");
    this.pendingFile = path.join(this.dir, "pending.jsonl");
    this.quarantineFile = path.join(this.dir, "quarantine.jsonl");
  }

  /** Appends rows to the pending file; returns its path. Throws when the disk refuses. */
  save(rows: readonly unknown[]): string {
    if (rows.length === 0) return this.pendingFile;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    let text = "";
    for (const r of rows) text += JSON.stringify(r) + "\n";
    appendFileSync(this.pendingFile, text, { mode: 0o600 });
    return this.pendingFile;
  }

  hasPending(): boolean {
    return existsSync(this.pendingFile) && statSync(this.pendingFile).size > 0;
  }

  /**
   * Takes the pending file over (renamed, so rows saved meanwhile start a new one) and yields
   * its rows in batches. The caller deletes it with `done` once every row is handled.
   */
  async *takePending(batch: number): AsyncGenerator<unknown[]> {
    if (!this.hasPending()) return;
    const taken = path.join(this.dir, `replaying-${process.pid}-${Date.now()}.jsonl`);
    renameSync(this.pendingFile, taken);
    const lines = readline.createInterface({ input: createReadStream(taken, "utf8"), crlfDelay: Infinity });
    const it = lines[Symbol.asyncIterator]();
    let rows: unknown[] = [];
    try {
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        if (!next.value) continue;
        try {
          rows.push(JSON.parse(next.value));
        } catch {
          continue; // a line cut by a crash mid-write
        }
        if (rows.length >= batch) {
          const out = rows;
          rows = [];
          yield out;
        }
      }
      if (rows.length) {
        const out = rows;
        rows = [];
        yield out;
      }
    } finally {
      // Stopped early (the database failed again): what was not yet read goes back to pending.
      let rest = "";
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        if (next.value) rest += next.value + "\n";
        if (rest.length > 1 << 20) {
          appendFileSync(this.pendingFile, rest, { mode: 0o600 });
          rest = "";
        }
      }
      if (rest) appendFileSync(this.pendingFile, rest, { mode: 0o600 });
      lines.close();
      rmSync(taken, { force: true });
    }
  }

  /** Keeps a refused row for inspection. Returns false when it could not be kept (bound or disk). */
  quarantine(kind: string, row: unknown, reason: string): boolean {
    this.quarantined++;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      if (existsSync(this.quarantineFile) && statSync(this.quarantineFile).size > MAX_QUARANTINE_BYTES) return false;
      appendFileSync(this.quarantineFile, JSON.stringify({ at: new Date().toISOString(), kind, reason, row }) + "\n", {
        mode: 0o600,
      });
      return true;
    } catch {
      return false;
    }
  }

  get quarantinePath(): string {
    return this.quarantineFile;
  }
}
