/**
 * Reads what a SigV4-signed request says about itself — the Authorization header, or the
 * X-Amz-* query parameters of a presigned URL — without judging the signature. Messages are
 * AWS's, so clients and people recognise them.
 */
import { AppError } from "@/lib/errors";

export interface SignedRequestClaims {
  accessKeyId: string;
  /** yyyymmdd, region, service and terminator of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-case, as listed (AWS requires them sorted; we keep the client's order). */
  signedHeaders: string[];
  /** 64 lower-case hex digits. */
  signature: string;
  /** X-Amz-Date (yyyymmddThhmmssZ). */
  amzDate: string;
  /** Presigned URLs only: seconds the URL is valid for after amzDate. */
  expiresSeconds: number | null;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const SDK_SHAPE = /^AWS4-HMAC-SHA256 Credential=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([^,\s]+)$/;
const incomplete = (m: string) => new AppError("IncompleteSignatureException", m);

export const MISSING_AUTH_MESSAGE = "Missing Authentication Token";

/** Claims of a request, from its header or its query; none at all → MissingAuthenticationToken. */
export function readClaims(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): SignedRequestClaims {
  const auth = headers.authorization;
  if (typeof auth === "string" && auth.length > 0) return parseAuthorizationHeader(auth, headerDate(headers));
  if (query.has("X-Amz-Signature") || query.has("X-Amz-Algorithm") || query.has("X-Amz-Credential"))
    return parsePresignedQuery(query);
  throw new AppError("MissingAuthenticationTokenException", MISSING_AUTH_MESSAGE);
}

function headerDate(headers: Record<string, string | string[] | undefined>): string {
  const d = headers["x-amz-date"];
  if (typeof d !== "string" || !d)
    throw incomplete("Authorization header requires existence of an 'X-Amz-Date' header.");
  return d;
}

/**
 * `AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=…`
 */
export function parseAuthorizationHeader(header: string, amzDate: string): SignedRequestClaims {
  // The shape every SDK sends, in one match; anything else takes the slower path that names the problem.
  const m = SDK_SHAPE.exec(header);
  // SDK_SHAPE captures its three groups whenever it matches.
  if (m) return claimsFrom(m[1]!, m[2]!, m[3]!, checkAmzDate(amzDate), null);
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM)
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm.slice(0, 40)}'. Only ${ALGORITHM} is accepted.`);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const p = part.trim();
    const eq = p.indexOf("=");
    if (eq > 0) fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  for (const name of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields.get(name))
      throw incomplete(`Authorization header requires '${name}' parameter. Authorization=${header.slice(0, 200)}`);
  }
  return claimsFrom(
    fields.get("Credential")!,
    fields.get("SignedHeaders")!,
    fields.get("Signature")!,
    checkAmzDate(amzDate),
    null,
  );
}

export function parsePresignedQuery(q: URLSearchParams): SignedRequestClaims {
  const algorithm = q.get("X-Amz-Algorithm");
  if (algorithm !== ALGORITHM)
    throw incomplete(
      `Unsupported AWS 'algorithm': '${(algorithm ?? "").slice(0, 40)}'. Only ${ALGORITHM} is accepted.`,
    );
  for (const name of ["X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Date", "X-Amz-Expires"]) {
    if (!q.get(name)) throw incomplete(`AWS query-string parameters must include '${name}'.`);
  }
  const expires = q.get("X-Amz-Expires")!;
  if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > 604_800)
    throw incomplete("X-Amz-Expires must be between 1 and 604800 seconds.");
  return claimsFrom(
    q.get("X-Amz-Credential")!,
    q.get("X-Amz-SignedHeaders")!,
    q.get("X-Amz-Signature")!,
    checkAmzDate(q.get("X-Amz-Date")!),
    Number(expires),
  );
}

function claimsFrom(
  credential: string,
  signedHeaders: string,
  signature: string,
  amzDate: string,
  expiresSeconds: number | null,
): SignedRequestClaims {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((p) => p.length === 0)) {
    throw incomplete(
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
        `got '${credential.slice(0, 200)}'`,
    );
  }
  // Exactly five non-empty parts, checked above.
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new AppError("InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  const headers = signedHeaders.split(";");
  if (headers.some((h) => !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h)))
    throw incomplete(
      `SignedHeaders must be lower-case header names separated by ';', got '${signedHeaders.slice(0, 200)}'`,
    );
  if (!headers.includes("host"))
    throw new AppError(
      "InvalidSignatureException",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: headers,
    signature,
    amzDate,
    expiresSeconds,
  };
}

function checkAmzDate(d: string): string {
  if (!/^\d{8}T\d{6}Z$/.test(d) || Number.isNaN(amzDateToMs(d)))
    throw incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${d.slice(0, 40)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  return d;
}

/** yyyymmddThhmmssZ → epoch ms (NaN when not a real time). Arithmetic only: no Date object on the hot path. */
export function amzDateToMs(d: string): number {
  const num = (from: number, to: number) => Number(d.slice(from, to));
  const [y, mo, day, h, mi, s] = [num(0, 4), num(4, 6), num(6, 8), num(9, 11), num(11, 13), num(13, 15)] as const;
  // Date.UTC rolls 2026-13-45 over into a later date: check each field first.
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  const real = mo >= 1 && mo <= 12 && day >= 1 && day <= days && h < 24 && mi < 60 && s < 60;
  return real ? Date.UTC(y, mo - 1, day, h, mi, s) : NaN;
}

export function msToAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
