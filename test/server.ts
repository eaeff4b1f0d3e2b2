/** Starts a real Nimbus server (API only, no console) against the test database. */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { CreateFunctionCommand, LambdaClient, type LambdaClientConfig } from "@aws-sdk/client-lambda";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import { startServer, type ServerHandle } from "@/server/app";
import { zipFiles } from "@/lib/code/package";

export const TEST_MASTER_KEY = "11".repeat(32);
/** The root access key every test server is started with; lambdaClient() signs with it. */
export const TEST_ROOT_ACCESS_KEY_ID = "NIMBTESTROOTKEY00001";
export const TEST_ROOT_SECRET_ACCESS_KEY = "TestRootSecretKey/ForNimbus+Tests0000000";
export const TEST_CREDENTIALS = { accessKeyId: TEST_ROOT_ACCESS_KEY_ID, secretAccessKey: TEST_ROOT_SECRET_ACCESS_KEY };

export function testDatabaseUrl(): string {
  const url = process.env.NIMBUS_TEST_DATABASE_URL;
  if (!url) throw new Error("NIMBUS_TEST_DATABASE_URL is not set: run the tests through vitest (test/global-setup.ts)");
  return url;
}

export async function startTestServer(
  env: Record<string, string> = {},
  log: (m: string) => void = () => {},
): Promise<ServerHandle> {
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
      NIMBUS_ROOT_ACCESS_KEY_ID: TEST_ROOT_ACCESS_KEY_ID,
      NIMBUS_ROOT_SECRET_ACCESS_KEY: TEST_ROOT_SECRET_ACCESS_KEY,
      // Each test server is its own install as far as concurrency limits go (a test of several sets one name).
      NIMBUS_CLUSTER_NAME: `test-${randomUUID().slice(0, 8)}`,
      // Every server's watcher looks at every running rollout in the shared database and locks each
      // while it does; the rollout tests step theirs themselves.
      NIMBUS_ROLLOUT_CHECK_SECONDS: "300",
      ...env,
    },
    log,
  });
}

export function lambdaClient(
  url: string,
  credentials = TEST_CREDENTIALS,
  extra: Partial<LambdaClientConfig> = {},
): LambdaClient {
  return new LambdaClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1, ...extra });
}

/** Signs a raw request for fetch() with @smithy/signature-v4, as the SDK would. */
export async function signedFetch(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  opts: {
    credentials?: { accessKeyId: string; secretAccessKey: string };
    region?: string;
    service?: string;
    signingDate?: Date;
  } = {},
): Promise<Response> {
  const u = new URL(url);
  const { host: _host, ...headers } = await signRequest(
    {
      method: init.method ?? "GET",
      host: u.host,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: init.headers,
      body: init.body,
    },
    opts,
  );
  return fetch(url, { method: init.method ?? "GET", headers, body: init.body });
}

/**
 * Signs a request exactly as given (the path is not normalized, so a raw `..` or `%ZZ` is signed
 * as sent) with @smithy/signature-v4, as the SDK would; returns every header to send, host included.
 */
export async function signRequest(
  req: {
    method: string;
    host: string;
    path: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
  },
  opts: {
    credentials?: { accessKeyId: string; secretAccessKey: string };
    region?: string;
    service?: string;
    signingDate?: Date;
  } = {},
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: opts.service ?? "lambda",
    region: opts.region ?? "us-east-1",
    credentials: opts.credentials ?? TEST_CREDENTIALS,
    sha256: NodeSha256,
  });
  const [hostname, port] = req.host.split(":");
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: hostname!,
      port: port ? Number(port) : undefined,
      path: req.path,
      query: req.query ?? {},
      headers: { host: req.host, ...req.headers },
      body: req.body,
    },
    { signingDate: opts.signingDate },
  );
  return signed.headers as Record<string, string>;
}

export function zipOf(source: string, file = "index.mjs"): Uint8Array {
  return zipFiles({ [file]: source });
}

let n = 0;
export function uniqueName(prefix = "fn"): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${n++}`;
}

/** A server and an SDK client for the tests of one file, started before and closed after them. */
export function testServer(env: Record<string, string> = {}): { srv: ServerHandle; lambda: LambdaClient } {
  const t = {} as { srv: ServerHandle; lambda: LambdaClient };
  beforeAll(async () => {
    t.srv = await startTestServer(env);
    t.lambda = lambdaClient(t.srv.url);
  });
  afterAll(() => t.srv?.close());
  return t;
}

/** An event for InvokeCommand's Payload. */
export const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
/** An invocation's Payload as JSON (undefined when empty). */
export const dec = (b?: Uint8Array) => (b?.length ? JSON.parse(new TextDecoder().decode(b)) : undefined);

export interface DeployOptions {
  /** The function's name; else a unique one starting with `prefix`. */
  name?: string;
  prefix?: string;
  timeout?: number;
  memory?: number;
  /** The source file's name in the package (index.mjs). */
  file?: string;
  handler?: string;
  env?: Record<string, string>;
}

/** Creates a function from one source file through the SDK, as a user would; returns its name. */
export async function deployFunction(lambda: LambdaClient, source: string, o: DeployOptions = {}): Promise<string> {
  const name = o.name ?? uniqueName(o.prefix ?? "fn");
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: o.handler ?? "index.handler",
      Code: { ZipFile: zipOf(source, o.file) },
      Timeout: o.timeout,
      MemorySize: o.memory,
      Environment: o.env ? { Variables: o.env } : undefined,
    }),
  );
  return name;
}
