import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { outDir } from "./build-lib.mjs";
import { sourceFingerprint } from "./fingerprint.mjs";

const stamp = path.join(outDir, "build-stamp");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === sourceFingerprint()) {
  console.log("[build] current");
} else {
  const { buildAll } = await import("./build.mjs");
  await buildAll();
}
