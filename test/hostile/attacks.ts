/**
 * The hostile-function corpus: each entry is a handler written to attack the platform, and
 * what the platform must answer. Handlers that probe (read a file, connect somewhere) catch
 * their own errors and return what happened, so the test can assert that nothing leaked;
 * handlers that misbehave (spin, bloat, crash) must get the right error class.
 * The event every attack receives is a Target (paths and ports of the real server under test).
 * The network attacks are in network-attacks.ts, the memory ones in memory-attacks.ts.
 */
import { memoryAttacks } from "@/test/hostile/memory-attacks";
import { networkAttacks } from "@/test/hostile/network-attacks";
export interface Target {
  /** A file in the server's data folder holding a marker string. */
  secretFile: string;
  secretMarker: string;
  /** The server's own data folder and repository root. */
  dataDir: string;
  repoRoot: string;
  serverPid: number;
  serverPort: number;
  dbPort: number;
  /** An address of one of the host's interfaces (not loopback). */
  hostAddress: string;
  /** A string in the server's environment (never in a sandbox). */
  envMarker: string;
}

export interface Outcome {
  /** X-Amz-Function-Error, or null for a success. */
  functionError: string | null;
  errorType: string | null;
  body: unknown;
  logTail: string;
}

export interface Attack {
  name: string;
  code: string;
  timeoutSeconds?: number;
  memoryMb?: number;
  check(o: Outcome, t: Target): void;
}

// Probe helper injected in front of probing handlers: runs each probe, records a short result.
const PROBE = `
const probe = async (fn) => { try { const v = await fn(); return { ok: true, v: typeof v === "string" ? v.slice(0, 200) : v }; } catch (e) { return { ok: false, code: e?.code ?? e?.name ?? String(e) }; } };
`;

export type Expect = (cond: boolean, message: string) => void;

/** Built by the test with its own assertion function. */
export function attacks(expect: Expect): Attack[] {
  return [...generalAttacks(expect), ...memoryAttacks(expect), ...networkAttacks(expect, noLeakWith(expect))];
}

const noLeakWith = (expect: Expect) => (o: Outcome, t: Target) => {
  const text = JSON.stringify(o.body) + o.logTail;
  expect(!text.includes(t.secretMarker), `the secret file's marker leaked: ${text.slice(0, 300)}`);
  expect(!text.includes(t.envMarker), `the server's environment leaked: ${text.slice(0, 300)}`);
  expect(!/postgres(ql)?:\/\//.test(text), `a database URL leaked: ${text.slice(0, 300)}`);
};

function generalAttacks(expect: Expect): Attack[] {
  const noLeak = noLeakWith(expect);
  const allRefused = (o: Outcome, t: Target) => {
    noLeak(o, t);
    expect(
      o.functionError === null,
      `the probe itself should run (got ${o.errorType}: ${JSON.stringify(o.body).slice(0, 200)})`,
    );
    const results = o.body as Record<string, { ok: boolean; code?: string; v?: unknown }>;
    for (const [k, r] of Object.entries(results))
      expect(r.ok === false, `${k} should have been refused, got ${JSON.stringify(r).slice(0, 200)}`);
  };
  const errorIs =
    (...types: string[]) =>
    (o: Outcome, t: Target) => {
      noLeak(o, t);
      expect(
        o.functionError !== null && types.includes(o.errorType ?? ""),
        `expected ${types.join(" or ")}, got ${o.functionError} ${o.errorType}: ${JSON.stringify(o.body).slice(0, 300)}`,
      );
    };

  return [
    {
      name: "reads host files and the server's data folder",
      code: `import fs from "node:fs"; ${PROBE}
export const handler = async (t) => ({
  secret: await probe(() => fs.readFileSync(t.secretFile, "utf8")),
  passwd: await probe(() => fs.readFileSync("/etc/passwd", "utf8")),
  shadow: await probe(() => fs.readFileSync("/etc/shadow", "utf8")),
  repo: await probe(() => fs.readFileSync(t.repoRoot + "/package.json", "utf8")),
  dataDir: await probe(() => fs.readdirSync(t.dataDir).join(",")),
  // Inside bubblewrap "/" is the sandbox's own; anything beyond its few folders is the host's.
  hostRoot: await probe(() => { const own = ["bin", "dev", "etc", "lib", "lib64", "opt", "proc", "run", "sbin", "tmp", "usr", "var"]; const extra = fs.readdirSync("/").filter((d) => !own.includes(d)); if (!extra.length) throw Object.assign(new Error("only the sandbox's own root"), { code: "SANDBOX_ROOT" }); return extra.join(","); }),
  promises: await probe(() => fs.promises.readFile(t.secretFile, "utf8")),
  binding: await probe(() => { const b = process.binding("fs"); return String(b.readFileUtf8 ? b.readFileUtf8(t.secretFile, 0) : b.internalModuleReadJSON(t.secretFile)); }),
});`,
      check: allRefused,
    },
    {
      name: "reads the server's environment through /proc",
      code: `import fs from "node:fs"; ${PROBE}
export const handler = async (t) => {
  const r = {
    selfEnviron: await probe(() => fs.readFileSync("/proc/self/environ", "utf8")),
    serverEnviron: await probe(() => fs.readFileSync("/proc/" + t.serverPid + "/environ", "utf8")),
    parentEnviron: await probe(() => fs.readFileSync("/proc/" + process.ppid + "/environ", "utf8")),
    pid1Environ: await probe(() => fs.readFileSync("/proc/1/environ", "utf8")),
    selfMem: await probe(() => { const fd = fs.openSync("/proc/self/mem", "r"); return "opened " + fd; }),
    procList: await probe(() => fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)).join(",")),
  };
  const env = Object.entries(process.env).map(([k, v]) => k + "=" + v).join("\\n");
  if (/DATABASE_URL|NIMBUS_MASTER_KEY|NIMBUS_SANDBOX_TOKEN|HOSTILE_MARKER/.test(env)) r.processEnv = { ok: true, v: env };
  return r;
};`,
      check: allRefused,
    },
    {
      name: "writes outside its tmp folder",
      code: `import fs from "node:fs"; ${PROBE}
export const handler = async (t) => ({
  code: await probe(() => fs.writeFileSync(process.env.LAMBDA_TASK_ROOT + "/index.mjs", "export const handler = async () => 'owned';")),
  runtime: await probe(() => fs.writeFileSync("/opt/nimbus/worker.mjs", "owned")),
  dataDir: await probe(() => fs.writeFileSync(t.dataDir + "/owned", "owned")),
  repo: await probe(() => fs.writeFileSync(t.repoRoot + "/owned", "owned")),
  usr: await probe(() => fs.writeFileSync("/usr/owned", "owned")),
  chmod: await probe(() => fs.chmodSync("/tmp", 0o777)),
});`,
      check: (o, t) => allRefused(o, t),
    },
    {
      name: "escapes through a symlink in tmp",
      code: `import fs from "node:fs"; ${PROBE}
export const handler = async (t) => ({
  secret: await probe(() => { fs.symlinkSync(t.secretFile, "/tmp/s1"); return fs.readFileSync("/tmp/s1", "utf8"); }),
  root: await probe(() => { fs.symlinkSync("/", "/tmp/s2"); return fs.readdirSync("/tmp/s2/" + t.dataDir).join(","); }),
  hardlink: await probe(() => { fs.linkSync(t.secretFile, "/tmp/h1"); return fs.readFileSync("/tmp/h1", "utf8"); }),
});`,
      check: allRefused,
    },
    {
      name: "spawns processes",
      code: `import cp from "node:child_process"; ${PROBE}
export const handler = async () => ({
  execSync: await probe(() => cp.execSync("id").toString()),
  spawnSync: await probe(() => { const r = cp.spawnSync("/bin/sh", ["-c", "echo owned"]); if (r.error) throw r.error; return String(r.stdout); }),
  fork: await probe(() => new Promise((res, rej) => { const c = cp.fork("/tmp/x.js"); c.on("error", rej); c.on("spawn", () => res("spawned")); })),
});`,
      check: allRefused,
    },
    {
      name: "starts a nested worker with a fresh execArgv",
      code: `import { Worker } from "node:worker_threads"; ${PROBE}
export const handler = async (t) => ({
  nested: await probe(() => new Promise((res, rej) => { const w = new Worker("require('worker_threads').parentPort.postMessage(require('fs').readFileSync(" + JSON.stringify(t.secretFile) + ", 'utf8'))", { eval: true, execArgv: [] }); w.on("message", res); w.on("error", rej); })),
});`,
      check: allRefused,
    },
    {
      name: "opens the inspector",
      code: `import inspector from "node:inspector"; ${PROBE}
export const handler = async () => ({
  open: await probe(() => { inspector.open(0); return inspector.url(); }),
  session: await probe(() => { const s = new inspector.Session(); s.connect(); return "connected"; }),
});`,
      check: allRefused,
    },
    {
      name: "loads a native addon",
      code: `${PROBE}
export const handler = async () => ({
  dlopen: await probe(() => { const m = { exports: {} }; process.dlopen(m, "/usr/lib/x86_64-linux-gnu/libc.so.6"); return "loaded"; }),
  wasi: await probe(async () => { const { WASI } = await import("node:wasi"); new WASI({ version: "preview1", preopens: { "/": "/" } }); return "made"; }),
});`,
      check: allRefused,
    },
    {
      name: "connects to the database and the server over loopback",
      code: `import net from "node:net"; ${PROBE}
const connect = (opts) => new Promise((res, rej) => { const s = net.connect(opts); s.setTimeout(1500, () => { s.destroy(); rej(Object.assign(new Error("timeout"), { code: "TIMEOUT" })); }); s.once("connect", () => { s.destroy(); res("connected"); }); s.once("error", rej); });
export const handler = async (t) => ({
  db: await probe(() => connect({ host: "127.0.0.1", port: t.dbPort })),
  dbUnix: await probe(() => connect({ path: "/tmp/.s.PGSQL." + t.dbPort })),
  server: await probe(() => connect({ host: "127.0.0.1", port: t.serverPort })),
  serverV6: await probe(() => connect({ host: "::1", port: t.serverPort })),
  outside: await probe(() => connect({ host: "10.0.0.1", port: 80 })),
});`,
      timeoutSeconds: 10,
      check: allRefused,
    },
    {
      name: "steals inherited file descriptors and forges supervisor frames",
      code: `import fs from "node:fs"; import net from "node:net";
export const handler = async () => {
  const frame = (o) => { const h = Buffer.from(JSON.stringify(o)); const b = Buffer.alloc(8); b.writeUInt32BE(h.length, 0); b.writeUInt32BE(0, 4); return Buffer.concat([b, h]); };
  const forged = [frame({ t: "result", id: "x", ok: true }), frame({ t: "exit", iid: 1, code: 0 }), Buffer.from([255, 255, 255, 255, 0, 0, 0, 0]), Buffer.alloc(1 << 16, 7)];
  let wrote = 0;
  for (let fd = 0; fd < 64; fd++) for (const f of forged) { try { fs.writeSync(fd, f); wrote++; } catch {} }
  const sock = "/run/nimbus/supervisor.sock";
  await new Promise((res) => { const s = net.connect(sock); s.on("error", res); s.on("connect", () => { s.write(frame({ t: "hello", role: "control", sandbox: "sbx-0000", token: "guess" })); for (const f of forged) s.write(f); setTimeout(() => { s.destroy(); res(); }, 100); }); });
  return { wrote };
};`,
      // It may break its own sandbox's connections (its problem); it must not reach anyone else.
      check: (o, t) => noLeak(o, t),
    },
    {
      name: "kills itself, its parent and everyone it can",
      code: `${PROBE}
export const handler = async (t) => {
  const r = {
    server: await probe(() => process.kill(t.serverPid, "SIGKILL")),
    group: await probe(() => process.kill(-t.serverPid, "SIGKILL")),
    parent: await probe(() => process.kill(process.ppid, "SIGKILL")),
  };
  try { process.kill(-1, "SIGKILL"); } catch {}
  process.kill(process.pid, "SIGKILL");
  return r;
};`,
      check: errorIs("Runtime.ExitError"),
    },
    {
      name: "calls process.exit",
      code: `export const handler = async () => { process.exit(7); };`,
      check: errorIs("Runtime.ExitError"),
    },
    {
      name: "spins forever in the handler",
      code: `export const handler = async () => { for (;;) {} };`,
      timeoutSeconds: 1,
      check: errorIs("Sandbox.Timedout"),
    },
    {
      name: "spins forever at module init",
      code: `for (;;) {}\nexport const handler = async () => 1;`,
      timeoutSeconds: 1,
      check: errorIs("Sandbox.Timedout"),
    },
    {
      name: "blocks in a native call",
      code: `import { pbkdf2Sync } from "node:crypto"; export const handler = async () => pbkdf2Sync("x", "y", 100_000_000, 64, "sha512").length;`,
      timeoutSeconds: 1,
      check: errorIs("Sandbox.Timedout"),
    },
    {
      name: "backtracks a regular expression",
      code: `export const handler = async () => /^(a+)+$/.test("a".repeat(40) + "!");`,
      timeoutSeconds: 1,
      check: errorIs("Sandbox.Timedout"),
    },
    {
      name: "never settles its promise",
      code: `export const handler = () => new Promise(() => {});`,
      timeoutSeconds: 1,
      check: errorIs("Sandbox.Timedout"),
    },
    {
      name: "bloats the heap",
      code: `export const handler = async () => { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); };`,
      timeoutSeconds: 30,
      memoryMb: 128,
      check: errorIs("Runtime.OutOfMemory"),
    },
    {
      name: "bloats external (Buffer) memory",
      code: `export const handler = async () => { const a = []; for (let i = 0; i < 200; i++) { a.push(Buffer.alloc(64 * 1024 * 1024, 1)); } return a.length; };`,
      timeoutSeconds: 30,
      memoryMb: 128,
      check: (o, t) => {
        noLeak(o, t);
        // 12.8 GB of Buffers in a 128 MB function: the memory guard ends it past 128 MB.
        expect(o.errorType === "Runtime.OutOfMemory", `expected Runtime.OutOfMemory, got ${o.errorType}`);
      },
    },
    {
      name: "recurses without end",
      code: `const f = (n) => f(n + 1) + 1; export const handler = async () => f(0);`,
      check: errorIs("RangeError"),
    },
    {
      name: "exhausts file descriptors",
      code: `import fs from "node:fs"; export const handler = async () => { const fds = []; try { for (let i = 0; i < 100000; i++) fds.push(fs.openSync("/tmp/f" + (i % 10), "a")); } catch (e) { return { opened: fds.length, code: e.code }; } return { opened: fds.length }; };`,
      check: (o, t) => {
        noLeak(o, t);
        const b = o.body as { opened: number; code?: string };
        expect(
          o.functionError === null && b.code === "EMFILE" && b.opened < 5000,
          `fd exhaustion should stop at the rlimit with EMFILE, got ${JSON.stringify(o.body)}`,
        );
      },
    },
    {
      name: "fills its tmp folder",
      code: `import fs from "node:fs"; export const handler = async () => { const chunk = Buffer.alloc(1 << 20, 1); let mb = 0; try { const fd = fs.openSync("/tmp/fill", "w"); for (; mb < 4096; mb++) fs.writeSync(fd, chunk); } catch (e) { return { mb, code: e.code }; } return { mb }; };`,
      timeoutSeconds: 60,
      check: (o, t) => {
        noLeak(o, t);
        const b = o.body as { mb: number; code?: string };
        expect(
          o.functionError === null && b.code === "ENOSPC" && b.mb <= 512,
          `tmp should fill up at its 512 MB cap (Lambda's default ephemeral storage) with ENOSPC, got ${JSON.stringify(o.body)}`,
        );
      },
    },
    {
      name: "prints 100 MB to the console",
      code: `export const handler = async () => { const line = "x".repeat(1023); for (let i = 0; i < 102400; i++) console.log(line); return "done"; };`,
      timeoutSeconds: 120,
      check: (o, t) => {
        noLeak(o, t);
        expect(
          o.functionError === null || o.errorType === "Sandbox.Timedout",
          `a console flood should finish or time out, got ${o.errorType}`,
        );
        expect(o.logTail.length <= 4096, "the tail returned is bounded");
      },
    },
    {
      name: "returns 50 MB",
      code: `export const handler = async () => "x".repeat(50 * 1024 * 1024);`,
      timeoutSeconds: 30,
      check: errorIs("Function.ResponseSizeTooLarge"),
    },
    {
      name: "returns a deeply nested result",
      code: `export const handler = async () => { let v = []; for (let i = 0; i < 1e6; i++) v = [v]; return v; };`,
      timeoutSeconds: 30,
      check: errorIs("Runtime.MarshalError"),
    },
    {
      name: "returns an unserializable result",
      code: `export const handler = async () => { const a = { n: 1n }; return a; };`,
      check: errorIs("Runtime.MarshalError"),
    },
    {
      name: "returns a circular result",
      code: `export const handler = async () => { const a = {}; a.self = a; return a; };`,
      check: errorIs("Runtime.MarshalError"),
    },
    {
      name: "rejects and throws after returning",
      code: `export const handler = async () => { setTimeout(() => { throw new Error("late throw"); }, 10); Promise.reject(new Error("late rejection")); setInterval(() => {}, 1); return "returned"; };`,
      check: (o, t) => {
        noLeak(o, t);
        expect(o.functionError === null || o.errorType === "Runtime.ExitError", `got ${o.errorType}`);
      },
    },
    {
      name: "poisons globals and prototypes",
      code: `export const handler = async () => {
  JSON.stringify = () => "poisoned"; JSON.parse = () => ({ poisoned: true });
  Object.prototype.toJSON = function () { return "poisoned"; };
  Array.prototype.push = () => { throw new Error("poisoned push"); };
  Promise.prototype.then = function () { throw new Error("poisoned then"); };
  Buffer.from = () => { throw new Error("poisoned Buffer.from"); };
  globalThis.process.exit = () => {};
  return { fine: true };
};`,
      // Its own answer may be mangled; the platform must stay sane (checked by the control function).
      check: (o, t) => noLeak(o, t),
    },
    {
      // Text PostgreSQL cannot store, everywhere the platform stores what a function says: once,
      // one such error stopped every record of every function. The control's records are checked after.
      name: "poisons the records with text PostgreSQL cannot store",
      code: `export const handler = async () => {
  console.log("nul \u0000 here", "lone \ud800 surrogate");
  process.stdout.write("\u0000".repeat(1000));
  for (let i = 0; i < 50000; i++) console.log("");
  const e = new Error("message \u0000 with NUL and \udfff");
  e.name = "Evil\u0000Type\ud800";
  throw e;
};`,
      check: (o, t) => {
        noLeak(o, t);
        expect(
          o.functionError === "Unhandled",
          `expected the function's own error, got ${o.functionError} ${o.errorType}`,
        );
      },
    },
  ];
}
