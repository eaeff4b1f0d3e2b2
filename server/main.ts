/**
 * `npm start` ends here (via scripts/start.mjs): start the server, stop gracefully on
 * SIGINT/SIGTERM (finish in-flight work, flush records, stop the embedded database), exit 0.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SettingsError } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { startServer } from "@/server/app";
import { guardStdio } from "@/server/stdio-guard";
import { serverNodeStatus } from "@/scripts/node-support.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Through the process-wide sink, which startServer configures from NIMBUS_LOG_LEVEL and NIMBUS_LOG_FORMAT. */
const log = createLogger("nimbus");

export async function main(argv: string[]): Promise<void> {
  guardStdio(() => path.join(path.resolve(process.env.NIMBUS_DATA_DIR || ".data"), "nimbus.log"));
  // Which Node runs the server and why; one past its end of life is refused (scripts/node-support.mjs).
  const runtime = serverNodeStatus(root, "The server");
  if (!runtime.allowed) {
    process.stderr.write(`[nimbus] ${runtime.line}\n`);
    process.exit(1);
  }
  if (runtime.supported && !runtime.soon) log.info(runtime.line);
  else log.warn(runtime.line);
  const dev = argv.includes("--dev");
  // --no-console: the Lambda API only (tests, benchmarks); the console needs `next build`.
  const consoleMode = argv.includes("--no-console") ? "off" : dev ? "dev" : "production";
  let handle: Awaited<ReturnType<typeof startServer>>;
  try {
    handle = await startServer({ root, console: consoleMode });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    log.error(`failed to start: ${(err as Error)?.message ?? String(err)}`, { stack: (err as Error)?.stack });
    process.exit(1);
  }
  // On stdout, as it always was, whatever the log format: scripts and tests wait for this line.
  process.stdout.write(
    // The command stands alone at the end of the line, so that what a user copies runs as it is.
    `[nimbus] ready on ${handle.url}: console and Lambda API. Try: curl ${handle.url}/api/health\n`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight work and stopping`);
    const force = setTimeout(
      () => {
        log.error("shutdown took too long; exiting");
        process.exit(1);
      },
      (handle.settings.NIMBUS_SHUTDOWN_GRACE_SECONDS + 15) * 1000,
    );
    force.unref();
    try {
      const { problems } = await handle.close();
      if (problems.length === 0) {
        log.info("stopped");
        process.exit(0);
      }
      for (const p of problems) log.warn(`shutdown: ${p}`);
      log.warn("stopped with problems (see above)");
      process.exit(1);
    } catch (err) {
      log.error(`error while stopping: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main(process.argv.slice(2));
