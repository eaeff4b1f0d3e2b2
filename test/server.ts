/** Starts a real Nimbus server (API only, no console) against the test database. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { startServer, type ServerHandle } from "../server/app";
import { zipFiles } from "../lib/code/package";

export const TEST_MASTER_KEY = "11".repeat(32);

export function testDatabaseUrl(): string {
  const url = process.env.NIMBUS_TEST_DATABASE_URL;
  if (!url) throw new Error("NIMBUS_TEST_DATABASE_URL is not set: run the tests through vitest (test/global-setup.ts)");
  return url;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<ServerHandle> {
  return startServer({
    root: path.resolve(import.meta.dirname, ".."),
    console: "off",
    env: {
      DATABASE_URL: testDatabaseUrl(),
      PORT: "0",
      HOST: "127.0.0.1",
      NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-srv-")),
      NIMBUS_SHUTDOWN_GRACE_SECONDS: "5",
      // Servers sharing a database share the key their code is sealed with.
      NIMBUS_MASTER_KEY: TEST_MASTER_KEY,
      ...env,
    },
    log: () => {},
  });
}

export function lambdaClient(url: string): LambdaClient {
  return new LambdaClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDNIMBUSTEST", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
}

export function zipOf(source: string, file = "index.mjs"): Uint8Array {
  return zipFiles({ [file]: source });
}

let n = 0;
export function uniqueName(prefix = "fn"): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${n++}`;
}

/** A server and an SDK client for the tests of one file, started before and closed after them. */
export function useServer(env: Record<string, string> = {}): { srv: ServerHandle; lambda: LambdaClient } {
  const t = {} as { srv: ServerHandle; lambda: LambdaClient };
  beforeAll(async () => {
    t.srv = await startTestServer(env);
    t.lambda = lambdaClient(t.srv.url);
  });
  afterAll(() => t.srv?.close());
  return t;
}
