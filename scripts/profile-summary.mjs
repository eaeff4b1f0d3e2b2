// Summarizes a server CPU profile (node --cpu-prof): self time by what it ran in, overall and per invocation
// over the last 17 s (the load). PROF_DIR (default /tmp/prof), PROF_INVOCATIONS (default 24500). See docs/benchmarks.md.
import fs from "node:fs";
const dir = process.env.PROF_DIR ?? "/tmp/prof";
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
const p = JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
const self = new Map();
const byId = new Map(p.nodes.map((n) => [n.id, n]));
for (let i = 0; i < p.samples.length; i++) {
  const id = p.samples[i];
  const dt = p.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const cat = (n) => {
  const u = n.callFrame.url || "";
  const f = n.callFrame.functionName || "";
  if (f === "(idle)") return "idle";
  if (f === "(garbage collector)") return "gc";
  if (f === "(program)") return "program (native/V8)";
  if (/signature-v4|sigv4|@smithy/.test(u)) return "sigv4/smithy";
  if (/node:_http|node:http|_http_/.test(u)) return "node http";
  if (/node:net|node:stream|stream_base|node:internal\/streams/.test(u)) return "net/streams";
  if (/pg|pg-protocol|pg-pool/.test(u)) return "pg";
  if (/next|\.next/.test(u)) return "next";
  if (/crypto|node:crypto/.test(u)) return "crypto";
  if (/server\.mjs/.test(u)) {
    return "nimbus server bundle";
  }
  if (/node:internal\/timers|timers/.test(u)) return "timers";
  if (u.startsWith("node:")) return "node other";
  return "other " + (u.split("/").slice(-2).join("/") || f);
};
const groups = new Map();
for (const [id, t] of self) {
  const c = cat(byId.get(id));
  groups.set(c, (groups.get(c) ?? 0) + t);
}
const busy = total - (groups.get("idle") ?? 0);
console.log("total", (total / 1e6).toFixed(2), "s; busy", (busy / 1e6).toFixed(2), "s");
for (const [c, t] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 16))
  console.log(c.padEnd(32), (t / 1e6).toFixed(3), "s", ((t / busy) * 100).toFixed(1) + "% of busy");
// top functions in nimbus bundle
const fns = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!/server\.mjs/.test(n.callFrame.url)) continue;
  const k = n.callFrame.functionName + ":" + n.callFrame.lineNumber;
  fns.set(k, (fns.get(k) ?? 0) + t);
}
console.log("--- top nimbus functions (self)");
for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(k.padEnd(40), (t / 1e3).toFixed(0), "ms");
// Window: the last ~16 s before shutdown (the load), per-invocation µs.
const ts = [];
let t = p.startTime;
for (const d of p.timeDeltas) {
  t += d;
  ts.push(t);
}
const end = ts[ts.length - 1];
const from = end - 17e6,
  to = end - 0.3e6;
const w = new Map();
let wbusy = 0;
for (let i = 0; i < p.samples.length; i++) {
  if (ts[i] < from || ts[i] > to) continue;
  const n = byId.get(p.samples[i]);
  const c = cat(n);
  const dt = p.timeDeltas[i] ?? 0;
  w.set(c, (w.get(c) ?? 0) + dt);
  if (c !== "idle") wbusy += dt;
}
const N = Number(process.env.PROF_INVOCATIONS ?? 24500);
console.log(
  "=== load window: busy",
  (wbusy / 1e6).toFixed(2),
  "s over",
  ((to - from) / 1e6).toFixed(1),
  "s →",
  (wbusy / N).toFixed(0),
  "µs per invocation",
);
for (const [c, v] of [...w].sort((a, b) => b[1] - a[1]))
  if (c !== "idle") console.log("  ", c.padEnd(30), (v / N).toFixed(1), "µs/inv", ((v / wbusy) * 100).toFixed(1) + "%");
