import path from "node:path";
import os from "node:os";
import { chmodSync, copyFileSync, cpSync, mkdtempSync } from "node:fs";
import { reachableByOthers } from "@/lib/executor/isolation";
import { sandboxNode } from "@/lib/executor/sandbox-node";
import { randomUUID } from "node:crypto";
import { Supervisor } from "@/lib/executor/supervisor";
import type { FunctionSpec, InvokeResult } from "@/lib/executor/types";

export const hostScript = path.resolve(__dirname, "../../../.nimbus/sandbox/host.mjs");

/**
 * Without bubblewrap nothing is bind-mounted: a sandbox running under its own uid reads the bundle
 * and the node binary where they are. A checkout in a folder other users cannot enter (/root) gets
 * copies in a temporary folder they can, for the tests of that mode.
 */
export function sandboxFilesForOwnUid(): { hostScript: string; nodePath: string } {
  const nodePath = sandboxNode(path.resolve(__dirname, "../../..")).nodePath;
  if (reachableByOthers(hostScript) && reachableByOthers(nodePath)) return { hostScript, nodePath };
  const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-sandbox-files-"));
  chmodSync(dir, 0o755);
  cpSync(path.dirname(hostScript), path.join(dir, "sandbox"), { recursive: true });
  copyFileSync(nodePath, path.join(dir, "node"));
  chmodSync(path.join(dir, "node"), 0o755);
  return { hostScript: path.join(dir, "sandbox", path.basename(hostScript)), nodePath: path.join(dir, "node") };
}

export function makeSupervisor(overrides: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  return new Supervisor({
    hostScript,
    workDir: mkdtempSync(path.join(os.tmpdir(), "nimbus-exec-")),
    idleMs: 60_000,
    prewarm: 1,
    ...overrides,
  });
}

let rev = 1;
export function spec(code: string, opts: Partial<FunctionSpec> & { file?: string } = {}): FunctionSpec {
  const name = opts.functionName ?? `fn-${randomUUID().slice(0, 8)}`;
  const file = opts.file ?? "index.mjs";
  return {
    functionId: opts.functionId ?? randomUUID(),
    functionName: name,
    revision: opts.revision ?? rev++,
    version: "$LATEST",
    runtime: "nodejs20.x",
    handler: opts.handler ?? "index.handler",
    memoryMb: opts.memoryMb ?? 128,
    timeoutMs: opts.timeoutMs ?? 3000,
    instanceConcurrency: opts.instanceConcurrency,
    env: opts.env ?? {},
    codeSha256: "test",
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    region: "us-east-1",
    loadCode: opts.loadCode ?? (async () => [{ path: file, data: Buffer.from(code) }]),
  };
}

export function invoke(sup: Supervisor, s: FunctionSpec, event: unknown = {}): Promise<InvokeResult> {
  return sup.invoke(s, { requestId: randomUUID(), payload: Buffer.from(JSON.stringify(event)) });
}

export const json = (r: InvokeResult) => JSON.parse(r.payload.toString("utf8"));
