/**
 * The spawner: a small process the supervisor starts once, early, whose only job is to
 * start sandbox processes. fork() from the server (hundreds of MB once Next is loaded)
 * blocked its event loop for 10–45 ms per sandbox on this machine; from this ~40 MB process
 * it takes ≈1 ms, and off the server's loop. IPC (JSON) with the supervisor:
 *   → {t:"spawn", id, command, args, cwd, env}   ← {t:"spawned", id, pid} … {t:"exit", id, code, signal, stderr}
 * It exits when the supervisor disconnects; sandboxes then lose their control connection and exit too.
 */
import { spawn } from "node:child_process";

interface SpawnRequest {
  t: "spawn";
  id: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

const send = (m: object) => {
  if (process.connected) process.send!(m);
};

process.on("message", (m: SpawnRequest) => {
  if (m?.t !== "spawn") return;
  let tail = "";
  let reported = false;
  const report = (code: number | null, signal: NodeJS.Signals | null, extra = "") => {
    if (reported) return;
    reported = true;
    send({ t: "exit", id: m.id, code, signal, stderr: (tail + extra).slice(-4096) });
  };
  const child = spawn(m.command, m.args, {
    cwd: m.cwd,
    env: m.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  child.stderr!.on("data", (c: Buffer) => {
    tail = (tail + c.toString("utf8")).slice(-4096);
  });
  child.once("spawn", () => send({ t: "spawned", id: m.id, pid: child.pid }));
  child.once("error", (err) => report(null, null, String(err)));
  // Wait briefly for the last stderr bytes (they decide between OutOfMemory and ExitError),
  // but not for grandchildren that may hold stderr open.
  child.once("exit", (code, signal) => {
    const t = setTimeout(() => report(code, signal), 100);
    child.once("close", () => {
      clearTimeout(t);
      report(code, signal);
    });
  });
});

process.on("disconnect", () => process.exit(0));
