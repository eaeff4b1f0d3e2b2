/**
 * The benchmarks sign like any client: a root key given to the server they start, and SigV4
 * headers from @smithy/signature-v4 (what the AWS SDK uses). Against BENCH_URL, pass the key in
 * BENCH_ACCESS_KEY_ID / BENCH_SECRET_ACCESS_KEY.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import type { Target } from "@/bench/client";

export const BENCH_CREDENTIALS = {
  accessKeyId: process.env.BENCH_ACCESS_KEY_ID ?? "NIMBBENCHROOTKEY0001",
  secretAccessKey: process.env.BENCH_SECRET_ACCESS_KEY ?? "BenchRootSecretKey/ForNimbus+Bench000000",
};

/** Environment for a server the bench starts itself. */
export const benchServerEnv = {
  NIMBUS_ROOT_ACCESS_KEY_ID: BENCH_CREDENTIALS.accessKeyId,
  NIMBUS_ROOT_SECRET_ACCESS_KEY: BENCH_CREDENTIALS.secretAccessKey,
};

const signer = new SignatureV4({
  service: "lambda",
  region: process.env.BENCH_REGION ?? "us-east-1",
  credentials: BENCH_CREDENTIALS,
  sha256: NodeSha256,
});

/**
 * Headers that sign a POST of `body` to `urlPath`. A signature stays valid for 15 minutes and
 * the server re-verifies it on every request, so a phase may reuse one (the server's cost is the
 * same; the client's signing time stays out of the latency figures).
 */
export async function signedHeaders(
  t: Target,
  urlPath: string,
  body: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const host = `${t.host}:${t.port}`;
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: t.host,
    port: t.port,
    path: urlPath,
    query: {},
    headers: { host, "content-type": "application/json", ...lower(extra) },
    body,
  });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
