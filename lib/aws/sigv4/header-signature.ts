/**
 * The signature a header-signed request should carry, computed with @smithy/signature-v4's own
 * canonicalization (its canonical request, headers and query, and its signing-key derivation)
 * but without signing a cloned request: SignatureV4.sign copies the request, re-derives a key
 * check-hash and awaits every hash, which made SigV4 the largest stage of a warm invoke
 * (≈90 µs of CPU; docs/benchmarks.md). Here the canonical request and the final HMAC are
 * synchronous node:crypto, and derived signing keys are kept per key, day, region and service.
 */
import { createHmac, hash } from "node:crypto";
import { createScope, getCanonicalHeaders, getSigningKey, SignatureV4Base } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/types";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import type { SignedRequestClaims } from "@/lib/aws/sigv4/parse";

/** Opens SignatureV4Base's canonical request (protected there) and nothing else. */
class Canonicalizer extends SignatureV4Base {
  constructor() {
    super({
      service: "lambda",
      region: "us-east-1",
      sha256: NodeSha256,
      credentials: { accessKeyId: "", secretAccessKey: "" },
    });
  }
  canonical(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}
const canonicalizer = new Canonicalizer();

const MAX_KEYS = 256;
const keys = new Map<string, { secret: string; key: Buffer }>();

async function signingKey(c: SignedRequestClaims, secret: string): Promise<Buffer> {
  const id = `${c.accessKeyId}/${c.scopeDate}/${c.region}/${c.service}`;
  const hit = keys.get(id);
  if (hit && hit.secret === secret) return hit.key;
  const creds = { accessKeyId: c.accessKeyId, secretAccessKey: secret };
  const key = Buffer.from(await getSigningKey(NodeSha256, creds, c.scopeDate, c.region, c.service));
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(id, { secret, key });
  return key;
}

/** `headers`: exactly the signed ones, by lower-case name; `payloadHash`: the body's SHA-256, hex. */
export async function headerSignature(
  c: SignedRequestClaims,
  secret: string,
  request: { method: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string> },
  payloadHash: string,
): Promise<Buffer> {
  const req = { ...request, protocol: "http:", hostname: "" } as HttpRequest;
  // Whatever the client signed is signed (smithy leaves some headers out when it signs itself).
  const canonicalHeaders = getCanonicalHeaders(req, undefined, new Set(c.signedHeaders));
  const canonical = canonicalizer.canonical(req, canonicalHeaders, payloadHash);
  const scope = createScope(c.scopeDate, c.region, c.service);
  const hashed = hash("sha256", canonical, "hex");
  const stringToSign = `AWS4-HMAC-SHA256\n${c.amzDate}\n${scope}\n${hashed}`;
  return createHmac("sha256", await signingKey(c, secret))
    .update(stringToSign)
    .digest();
}
