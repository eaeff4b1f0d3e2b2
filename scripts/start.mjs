// `npm start`: build when there is no current build, then run the server in this process
// (so signals reach it directly: npm does not forward SIGTERM to its children).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { outDir, root } from "./build-lib.mjs";
import { requireSupportedNode } from "./node-support.mjs";
import { sourceFingerprint } from "./fingerprint.mjs";

// Refuse an end-of-life Node before building (the server prints which Node it runs on).
requireSupportedNode(root, "The server", { print: false });
const dev = process.argv.includes("--dev");
const stampFile = path.join(outDir, "build-stamp");
const current =
  existsSync(stampFile) &&
  existsSync(path.join(outDir, "server.mjs")) &&
  readFileSync(stampFile, "utf8") === sourceFingerprint();
if (dev) {
  const { buildSandbox, buildServer } = await import("./build-lib.mjs");
  await buildSandbox();
  await buildServer();
} else if (!current) {
  console.log("[nimbus] no current build: building first…");
  const { buildAll } = await import("./build.mjs");
  await buildAll();
}
await import(path.join(outDir, "server.mjs"));
