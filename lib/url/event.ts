/**
 * The event a function gets for a URL request: API Gateway's HTTP payload format 2.0, as AWS
 * builds it for function URLs — lower-case headers (repeats comma-joined; x-forwarded-for, -proto
 * and -port written by Nimbus), cookies apart,
 * repeated query keys comma-joined, and a body that is text or base64.
 */

export interface UrlRequest {
  urlId: string;
  domainName: string;
  method: string;
  rawPath: string;
  rawQueryString: string;
  /** Every header with each of its values (IncomingMessage.headersDistinct). */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  /** How the client connected: the event's x-forwarded-proto and -port (x-forwarded-for is sourceIp). */
  forwarded?: { proto: string; port: string };
  requestId: string;
  /** "anonymous" for AuthType NONE, the caller's account for AWS_IAM. */
  accountId: string;
  /** With AWS_IAM: who signed the request. */
  iam?: { accessKey: string; accountId: string; callerId: string; userArn: string; userId: string };
  /**
   * Cookies and headers of Nimbus's own console that a browser sends along when it calls the path
   * form (same origin as the console): they are never handed to a function.
   */
  withhold?: { cookies: readonly string[]; headers: readonly string[] };
  now?: Date;
}

const TEXT_TYPE =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql|ld\+json|[\w.+-]+\+(json|xml)))/i;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** API Gateway's time format: 12/Mar/2020:19:03:58 +0000. */
export function requestTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function buildUrlEvent(r: UrlRequest): string {
  const now = r.now ?? new Date();
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(r.headers)) {
    if (!values || r.withhold?.headers.includes(name)) continue;
    if (name === "cookie") {
      const own = r.withhold?.cookies ?? [];
      cookies = values
        .join("; ")
        .split(/;\s*/)
        .filter((c) => c && !own.includes(c.slice(0, c.indexOf("=") >>> 0)));
      if (!cookies.length) cookies = undefined;
      continue;
    }
    headers[name] = values.join(",");
  }
  // As on AWS, these say how the client reached the URL; a client's own values are replaced.
  headers["x-forwarded-for"] = r.sourceIp;
  if (r.forwarded) {
    headers["x-forwarded-proto"] = r.forwarded.proto;
    headers["x-forwarded-port"] = r.forwarded.port;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(r.rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const text = r.body.length === 0 || TEXT_TYPE.test(headers["content-type"] ?? "text/plain");
  const event = {
    version: "2.0",
    routeKey: "$default",
    rawPath: r.rawPath,
    rawQueryString: r.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: r.accountId,
      apiId: r.urlId,
      ...(r.iam ? { authorizer: { iam: r.iam } } : {}),
      domainName: r.domainName,
      domainPrefix: r.urlId,
      http: {
        method: r.method,
        path: r.rawPath,
        protocol: "HTTP/1.1",
        sourceIp: r.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: r.requestId,
      routeKey: "$default",
      stage: "$default",
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(r.body.length ? { body: text ? r.body.toString("utf8") : r.body.toString("base64") } : {}),
    isBase64Encoded: !text,
  };
  return JSON.stringify(event);
}
