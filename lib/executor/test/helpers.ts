import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { Supervisor } from "@/lib/executor/supervisor";
import type { FunctionSpec, InvokeResult } from "@/lib/executor/types";

export const hostScript = path.resolve(__dirname, "../../../.nimbus/sandbox/host.mjs");

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
