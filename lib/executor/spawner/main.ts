/**
 * The spawner: a small process the supervisor starts once, early, whose job is to start
 * sandbox processes — and to make and remove their network namespaces (ip, nft, pasta and
 * each sandbox's resolver live here, off the server's event loop). fork() from the server
 * (hundreds of MB once Next is loaded) blocked its event loop for 10–45 ms per sandbox on this
 * machine; from this ~40 MB process it takes ≈1 ms. IPC (JSON) with the supervisor:
 *   → {t:"init"}                                 ← {t:"leftovers", removed}
 *   → {t:"spawn", id, command, args, cwd, env, net?}
 *                                                ← {t:"spawned", id, pid} … {t:"exit", id, code, signal, stderr}
 *                                                ← {t:"net-ready", id}            (its network is attached)
 *                                                ← {t:"opened", id, addresses}   (allow-list answers)
 *   → {t:"shutdown"}                             ← {t:"shutdown-done"}
 * It exits when the supervisor disconnects (removing the namespaces it made); sandboxes then
 * lose their control connection and exit too.
 */
import { spawn } from "node:child_process";
import { SandboxNetworks } from "@/lib/executor/network/namespaces";
import type { NetSpec } from "@/lib/executor/network/spec";

interface SpawnRequest {
  t: "spawn";
  id: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  net?: NetSpec;
}

type Message = SpawnRequest | { t: "init" } | { t: "shutdown" };

const send = (m: object) => {
  if (process.connected) process.send!(m);
};

const networks = new SandboxNetworks(
  (id, addresses) => send({ t: "opened", id, addresses }),
  (m) => process.stderr.write(`[spawner] ${m}\n`),
);

async function start(m: SpawnRequest): Promise<void> {
  let tail = "";
  let reported = false;
  const report = (code: number | null, signal: NodeJS.Signals | null, extra = "") => {
    if (reported) return;
    reported = true;
    send({ t: "exit", id: m.id, code, signal, stderr: (tail + extra).slice(-4096) });
    if (m.net) void networks.teardown(m.id);
  };
  if (m.net) {
    try {
      await networks.prepare(m.id, m.net);
    } catch (err) {
      report(null, null, `the sandbox's network could not be set up: ${(err as Error).message}`);
      return;
    }
  }
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
  // Its rules are in; the way out is attached while it boots (the supervisor waits for it).
  if (m.net)
    networks.connect(m.id).then(
      () => send({ t: "net-ready", id: m.id }),
      (err: Error) => {
        tail += `the sandbox's network could not be set up: ${err.message}\n`;
        if (child.pid) killGroup(child.pid);
      },
    );
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
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* gone */
  }
}

process.on("message", (m: Message) => {
  if (m?.t === "spawn") void start(m);
  else if (m?.t === "init") void networks.removeLeftovers().then((removed) => send({ t: "leftovers", removed }));
  else if (m?.t === "shutdown") {
    // Sandboxes are gone by now; their namespaces go before the supervisor stops us.
    const until = Date.now() + 3000;
    const wait = () =>
      networks.size === 0 || Date.now() > until ? send({ t: "shutdown-done" }) : setTimeout(wait, 20);
    wait();
  }
});

// Whatever ends us, the namespaces we made go first (a SIGKILL leaves them to the next server's start).
const quit = () => {
  networks.teardownAllSync();
  process.exit(0);
};
process.on("disconnect", quit);
process.on("SIGTERM", quit);
process.on("SIGINT", quit);
process.on("SIGHUP", quit);
