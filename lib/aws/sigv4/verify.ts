/**
 * SigV4 verification: read the request's claims, check scope, time and key, then compute the
 * signature of exactly the signed headers, with the client's X-Amz-Date and the body's hash, and
 * compare the two in constant time. Canonicalization and key derivation are smithy's
 * (@smithy/signature-v4, what the AWS SDK signs with); header-signature.ts only skips its
 * request cloning and re-derivation on the hot path.
 */
import { hash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { AppError } from "@/lib/errors";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import { headerSignature } from "@/lib/aws/sigv4/header-signature";
import {
  amzDateToMs,
  msToAmzDate,
  readClaims,
  SIGNATURE_MISMATCH_MESSAGE,
  type SignedRequestClaims,
} from "@/lib/aws/sigv4/parse";

/** Lambda's signing name: the default scope, and what presigned code downloads are signed for. */
export const SERVICE = "lambda";
const SKEW_MS = 15 * 60_000;
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Where secrets come from (a cache over the access_keys table). */
export interface SecretSource {
  /** The secret of an active key, or null for an unknown or inactive one. */
  activeSecret(accessKeyId: string): Promise<string | null>;
  /** Called after a request verified (last_used_at, written lazily). */
  noteUsed(accessKeyId: string): void;
}

export interface Caller {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request whose claims, scope, time and key are fine; its signature still needs the body. */
export interface PendingCheck {
  claims: SignedRequestClaims;
  secret: string;
}

export interface RequestParts {
  method: string;
  /** The path as received (still percent-encoded) and the raw query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

const invalidSig = (m: string) => new AppError("InvalidSignatureException", m);

/**
 * Everything that does not need the body; unsigned or badly scoped requests stop here. `service`
 * is the signing name of the API the path belongs to (lambda, scheduler).
 */
export async function checkClaims(
  parts: RequestParts,
  keys: SecretSource,
  region: string,
  nowMs = Date.now(),
  service = SERVICE,
): Promise<PendingCheck> {
  const claims = readClaims(parts.headers, parts.query);
  if (claims.terminator !== "aws4_request")
    throw invalidSig(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${claims.terminator.slice(0, 40)}'. `,
    );
  if (claims.service !== service) throw invalidSig(`Credential should be scoped to correct service: '${service}'. `);
  if (claims.region !== region)
    throw invalidSig(`Credential should be scoped to a valid region, not '${claims.region.slice(0, 40)}'. `);
  if (claims.scopeDate !== claims.amzDate.slice(0, 8)) {
    throw invalidSig(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${claims.scopeDate.slice(0, 8)}' != '${claims.amzDate.slice(0, 8)}', from '${claims.amzDate}'.`,
    );
  }
  const signedAt = amzDateToMs(claims.amzDate);
  if (claims.expiresSeconds !== null) {
    if (nowMs > signedAt + claims.expiresSeconds * 1000)
      throw invalidSig(
        "Signature expired: the presigned URL was valid until " +
          `${msToAmzDate(signedAt + claims.expiresSeconds * 1000)} (now ${msToAmzDate(nowMs)}).`,
      );
    if (signedAt > nowMs + SKEW_MS)
      throw invalidSig(
        `Signature not yet current: ${claims.amzDate} is still later than ${msToAmzDate(nowMs + SKEW_MS)} ` +
          `(${msToAmzDate(nowMs)} + 15 min.)`,
      );
  } else if (signedAt < nowMs - SKEW_MS) {
    throw invalidSig(
      `Signature expired: ${claims.amzDate} is now earlier than ${msToAmzDate(nowMs - SKEW_MS)} ` +
        `(${msToAmzDate(nowMs)} - 15 min.)`,
    );
  } else if (signedAt > nowMs + SKEW_MS) {
    throw invalidSig(
      `Signature not yet current: ${claims.amzDate} is still later than ${msToAmzDate(nowMs + SKEW_MS)} ` +
        `(${msToAmzDate(nowMs)} + 15 min.)`,
    );
  }
  const secret = await keys.activeSecret(claims.accessKeyId);
  if (secret === null) throw unknownKey(claims.accessKeyId);
  return { claims, secret };
}

/**
 * Computes the signature the request should carry and compares; the body is hashed once, here.
 * Header-signed requests (every SDK call) take the lean path in header-signature.ts; presigned
 * URLs are re-signed by smithy whole.
 */
export async function verifySignature(
  parts: RequestParts,
  pending: PendingCheck,
  body: Buffer,
  keys: SecretSource,
): Promise<Caller> {
  const { claims, secret } = pending;
  const bodyHash = body.length === 0 ? EMPTY_SHA256 : hash("sha256", body, "hex");
  const headers: Record<string, string> = {};
  for (const name of claims.signedHeaders) {
    const v = parts.headers[name];
    if (v === undefined) throw invalidSig(SIGNATURE_MISMATCH_MESSAGE);
    headers[name] = Array.isArray(v) ? v.join(",") : v;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of parts.query) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  let expected: Buffer;
  if (claims.expiresSeconds === null) {
    const signedHash = headers["x-amz-content-sha256"];
    // A client that signed a payload hash must have sent that body (UNSIGNED-PAYLOAD would let a body be swapped).
    if (signedHash !== undefined && signedHash !== bodyHash)
      throw invalidSig("The provided 'x-amz-content-sha256' header does not match what was computed.");
    expected = await headerSignature(
      claims,
      secret,
      { method: parts.method, path: parts.path, query, headers },
      bodyHash,
    );
  } else {
    const signer = new SignatureV4({
      service: claims.service, // checkClaims made sure it is the one the API expects
      region: claims.region,
      sha256: NodeSha256,
      credentials: { accessKeyId: claims.accessKeyId, secretAccessKey: secret },
      applyChecksum: false,
    });
    delete query["X-Amz-Signature"];
    const unhoistable = new Set(claims.signedHeaders.filter((h) => h.startsWith("x-amz-")));
    const copy = {
      method: parts.method,
      protocol: "http:",
      hostname: "",
      path: parts.path,
      query,
      headers,
      body: body.length ? body : undefined,
    };
    const signed = await signer.presign(copy, {
      signingDate: new Date(amzDateToMs(claims.amzDate)),
      expiresIn: claims.expiresSeconds,
      unhoistableHeaders: unhoistable,
    });
    expected = Buffer.from(String(signed.query?.["X-Amz-Signature"] ?? ""), "hex");
  }
  const a = expected;
  const b = Buffer.from(claims.signature, "hex");
  if (a.length !== 32 || a.length !== b.length || !timingSafeEqual(a, b)) throw invalidSig(SIGNATURE_MISMATCH_MESSAGE);
  keys.noteUsed(claims.accessKeyId);
  return { accessKeyId: claims.accessKeyId, secretAccessKey: secret };
}

/** A presigned GET for a path on this server, signed with the caller's own key (GetFunction's Code.Location). */
export async function presignGet(
  caller: Caller,
  region: string,
  host: string,
  path: string,
  expiresIn = 600,
): Promise<string> {
  const signer = new SignatureV4({ service: SERVICE, region, sha256: NodeSha256, credentials: caller });
  const signed = await signer.presign(
    { method: "GET", protocol: "http:", hostname: host, path, query: {}, headers: { host } },
    { expiresIn },
  );
  const qs = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `http://${host}${path}?${qs}`;
}

/**
 * A key this server does not have (or that is inactive): AWS's words first, then what to do — the
 * usual cause is a key from elsewhere (LocalStack's `test`, a real AWS key) in the caller's environment.
 */
export function unknownKey(accessKeyId: string): AppError {
  const id = accessKeyId.slice(0, 40);
  const elsewhere =
    id === "test" || id === "dummy"
      ? `"${id}" is a placeholder other emulators accept; Nimbus checks every signature. `
      : id.startsWith("AKIA") || id.startsWith("ASIA")
        ? `${id} looks like an AWS key; Nimbus has keys of its own. `
        : `Nimbus has no active access key ${id}. `;
  return new AppError(
    "UnrecognizedClientException",
    "The security token included in the request is invalid. " +
      elsewhere +
      "Sign with a key of this server: the root key is written to <data folder>/credentials on first start " +
      "(with a config file beside it: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE), " +
      "and more are made in the console under Access keys (docs/security-keys.md).",
  );
}
