/**
 * The first ten minutes, as printed: a fresh install (a database and a data folder of its own, no
 * root key in the environment) is started the way `npm start` starts it, then the commands the
 * server printed and the README's code blocks — extracted from README.md at run time, not copied —
 * are run as a user would paste them, with the AWS CLI v2 from Debian (/usr/bin/aws first on PATH)
 * and Node for the SDK snippet. The one substitution: the README's port 3000 becomes the port this
 * test's server got. Lines that install or start things (`npm …`) are not run here.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { testDatabaseUrl } from "@/test/server";
import { root } from "@/test/process/spawn";

const run = promisify(execFile);
let server: ChildProcess;
let work: string;
let port: number;
let output = "";
let dbName: string;

/** The environment of a user's shell: nothing AWS-related set, Debian's AWS CLI v2 first on PATH. */
const shellEnv = () => ({ PATH: "/usr/bin:/bin", HOME: work, LANG: "C.UTF-8" }) as unknown as NodeJS.ProcessEnv;

function readmeBlocks(lang: string): string[] {
  const text = readFileSync(path.join(root, "README.md"), "utf8");
  return [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}
const onOurPort = (cmd: string) => cmd.replaceAll("localhost:3000", `localhost:${port}`);

beforeAll(async () => {
  // A database of its own: "no active access key" must be true, as on a fresh install.
  dbName = `nimbus_fresh_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${dbName}`;
  work = mkdtempSync(path.join(os.tmpdir(), "nimbus-first-run-"));
  mkdirSync(work, { recursive: true });
  port = await freePort();
  server = spawn(process.execPath, [path.join(root, ".nimbus", "server.mjs"), "--no-console"], {
    cwd: work,
    env: { ...shellEnv(), PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url.toString() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const seen = (c: Buffer) => (output += c.toString());
  server.stdout!.on("data", seen);
  server.stderr!.on("data", seen);
  const until = Date.now() + 60_000;
  while (!/ready on http:\/\/localhost:\d+/.test(output)) {
    if (Date.now() > until || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
});

describe("the first ten minutes: every printed and documented command works as printed", () => {
  it("the server's own hints: the health check and the CLI command with the generated key", async () => {
    const health = /Try: (curl \S+)$/m.exec(output)?.[1];
    expect(health, output).toBeDefined();
    const h = await run("/bin/sh", ["-c", health!], { cwd: work, env: shellEnv() });
    expect(JSON.parse(h.stdout)).toMatchObject({ status: "ok" });

    const cli = /try it with (AWS_CONFIG_FILE=\S+ AWS_SHARED_CREDENTIALS_FILE=\S+ aws [^\n]+)/.exec(output)?.[1];
    expect(cli, output).toBeDefined();
    const listed = await run("/bin/sh", ["-c", cli!.trim()], { cwd: work, env: shellEnv() });
    expect(JSON.parse(listed.stdout)).toEqual({ Functions: [] });
  });

  it("the README's shell commands", async () => {
    const lines = readmeBlocks("sh")
      .flatMap((b) => b.split("\n"))
      .map((l) => l.replace(/\s+#.*$/, "").trim())
      .filter((l) => l && !l.startsWith("npm ") && !l.startsWith("#"));
    // The ones a new user copies first: the key's CLI check and the health check.
    expect(lines.some((l) => l.includes("aws lambda list-functions"))).toBe(true);
    expect(lines.some((l) => l.startsWith("curl "))).toBe(true);
    for (const line of lines.filter((l) => l.includes("aws lambda") || l.startsWith("curl "))) {
      const r = await run("/bin/sh", ["-c", onOurPort(line)], { cwd: work, env: shellEnv() });
      expect(r.stdout.trim().startsWith("{"), `${line} printed: ${r.stdout}`).toBe(true);
    }
  });

  it("the README's SDK snippet that reads the config and credentials files", async () => {
    const snippet = readmeBlocks("js").find((b) => b.startsWith("// AWS_CONFIG_FILE="));
    expect(snippet).toBeDefined();
    // Its first line says how to run it: the environment to set, then `node <file>`.
    const [, envText, file] = /^\/\/ ((?:\w+=\S+ )+)node (\S+)/.exec(snippet!)!;
    const env = Object.fromEntries(
      envText!
        .trim()
        .split(" ")
        .map((kv) => kv.split("=") as [string, string]),
    );
    // Beside the repository's node_modules, so its imports resolve; run from the user's folder.
    const script = path.join(root, ".nimbus", `readme-${Date.now()}-${file}`);
    writeFileSync(script, snippet!);
    try {
      const r = await run(process.execPath, [script], { cwd: work, env: { ...shellEnv(), ...env } });
      expect(r.stdout.trim()).toBe("[]");
    } finally {
      rmSync(script, { force: true });
    }
  });
});
