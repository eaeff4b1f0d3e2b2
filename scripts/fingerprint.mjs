// A fingerprint of everything a build is made from: paths, sizes and mtimes of the sources.
import { createHash } from "node:crypto";
import { readdirSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { root } from "./build-lib.mjs";

const DIRS = ["app", "components", "lib", "server", "public", "prisma"];
const FILES = [
  "package.json",
  "package-lock.json",
  "next.config.js",
  "tsconfig.json",
  "postcss.config.mjs",
  "scripts/build-lib.mjs",
  "scripts/build.mjs",
];

export function sourceFingerprint() {
  const h = createHash("sha256");
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(rel, name));
      }
    } else {
      h.update(`${rel}\0${st.size}\0${Math.floor(st.mtimeMs)}\n`);
    }
  };
  for (const d of [...DIRS, ...FILES]) visit(d);
  return h.digest("hex");
}
