/** @opentelemetry/api's runtime files, as a function's node_modules would hold them (functions bundle it). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export function otelApiFiles(): Record<string, string> {
  const root = path.resolve(import.meta.dirname, "../node_modules/@opentelemetry/api");
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (!/\.(map|d\.[cm]?ts)$/.test(e.name))
        out[`node_modules/@opentelemetry/api/${path.relative(root, full)}`] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return out;
}
