/**
 * The server's own output when whatever read it went away (a log shipper that died, `npm start
 * | head`): writing to a closed pipe raises EPIPE, which would end the server (and, before the
 * embedded PostgreSQL was tied to it, orphan the database). Instead, from the first such error
 * on, the server's stdout and stderr go to `$NIMBUS_DATA_DIR/nimbus.log` (rotated at 64 MB, one
 * previous file kept), and the server keeps serving. Nothing is dropped silently: the file
 * starts with a line saying why it exists.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";

const ROTATE_BYTES = 64 * 1024 * 1024;
const PIPE_GONE = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED", "EBADF"]);

export function guardStdio(logFile: () => string): void {
  let redirected = false;
  const redirect = (why: string) => {
    if (redirected) return;
    redirected = true;
    const file = logFile();
    let size = 0;
    const append = (text: string) => {
      try {
        if (size === 0) {
          mkdirSync(path.dirname(file), { recursive: true });
          size = existsSync(file) ? statSync(file).size : 0;
        }
        if (size > ROTATE_BYTES) {
          renameSync(file, `${file}.1`);
          size = 0;
        }
        appendFileSync(file, text, { mode: 0o600 });
        size += Buffer.byteLength(text);
      } catch {
        /* the disk refuses too: nothing more can be done */
      }
    };
    append(`${new Date().toISOString()} [nimbus] stdout/stderr closed (${why}); the server's output continues here\n`);
    for (const stream of [process.stdout, process.stderr]) {
      stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
        append(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
        const done = typeof encoding === "function" ? encoding : cb;
        if (typeof done === "function") queueMicrotask(() => (done as () => void)());
        return true;
      }) as typeof stream.write;
    }
  };
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (PIPE_GONE.has(err.code ?? "")) redirect(err.code!);
      else redirect(err.message);
    });
  }
}
