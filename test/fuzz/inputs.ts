/**
 * What the fuzz tests send: a seeded generator (NIMBUS_FUZZ_SEED) of strings, JSON values and
 * bodies built from the field names the APIs know, odd resource names, raw HTTP requests, and
 * SigV4 signing for them. No answer to any of it may be a 500 or carry a stack trace (STACK).
 */
import http from "node:http";
import { CreateFunctionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { signRequest, uniqueName, zipOf } from "@/test/server";

export const SEED = Number(process.env.NIMBUS_FUZZ_SEED ?? 20261128);

/** mulberry32: small, seedable, good enough to pick cases. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
export const rand = rng(SEED);
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const STACK =
  /\n\s+at\s|node:internal|\/(lib|app|server|node_modules)\/[\w./-]+\.(ts|js|mjs):\d+|TypeError:|ReferenceError:|Prisma|prisma\.|SELECT\s|INSERT\s/;

export function randomString(max: number): string {
  const alphabet = [
    "a",
    "Z",
    "0",
    "-",
    "_",
    ".",
    "/",
    "%",
    "\u0000",
    "\u202e",
    "名",
    "😀",
    "'",
    '"',
    "\\",
    "$",
    "{",
    "}",
    " ",
    "\n",
    "\ud800",
    "\udfff",
    "%ff",
    "%00",
  ];
  let s = "";
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += pick(alphabet);
  return s;
}

/** A JSON value of any type, sometimes absurd. */
export function randomValue(depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.15) return pick([null, true, false, 0, -1, 1e308, -0.5, 2 ** 53 + 1, "", "x".repeat(5000)]);
  if (r < 0.35) return randomString(40);
  if (r < 0.5) return Math.floor(rand() * 2 ** 32) - 2 ** 31;
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(rand() * 5); i++) o[pick(FIELDS)] = randomValue(depth + 1);
  return o;
}

// Field names the APIs know, so random bodies reach deep validation, not only "unknown field".
export const FIELDS = [
  "FunctionName",
  "Runtime",
  "Role",
  "Handler",
  "Code",
  "ZipFile",
  "Description",
  "Timeout",
  "MemorySize",
  "Environment",
  "Variables",
  "ReservedConcurrentExecutions",
  "MaximumRetryAttempts",
  "MaximumEventAgeInSeconds",
  "DestinationConfig",
  "OnSuccess",
  "OnFailure",
  "Destination",
  "name",
  "template",
  "source",
  "memoryMb",
  "timeoutSec",
  "description",
  "environment",
  "secretNames",
  "reservedConcurrency",
  "event",
  "payload",
  "expression",
  "timezone",
  "enabled",
  "status",
  "username",
  "password",
  "currentPassword",
  "newPassword",
  "setupCode",
  "maximumRetryAttempts",
  // The Scheduler API's
  "ScheduleExpression",
  "ScheduleExpressionTimezone",
  "FlexibleTimeWindow",
  "Mode",
  "MaximumWindowInMinutes",
  "Target",
  "Arn",
  "RoleArn",
  "Input",
  "RetryPolicy",
  "DeadLetterConfig",
  "StartDate",
  "EndDate",
  "State",
  "GroupName",
  "ClientToken",
  "ActionAfterCompletion",
  "__proto__",
  "constructor",
  "toString",
];

export function randomBody(): string | Buffer {
  const r = rand();
  if (r < 0.08) return "";
  if (r < 0.16) return pick(["{", "}", "[", "null", "[]", "123", '"x"', "true", '{"a":', "\u0000", "{}garbage"]);
  if (r < 0.2)
    return pick([
      "[".repeat(5000) + "]".repeat(5000),
      `{"event":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
      `{"a":${'{"b":'.repeat(3000)}1${"}".repeat(3000)}}`,
    ]); // nesting past any sane limit
  if (r < 0.22)
    return pick([
      '{"Description":"\\ud800"}',
      '{"description":"a\\udfffb"}',
      '{"name":"\\ud83d"}',
      '{"Environment":{"Variables":{"K":"\\ud800"}}}',
      '{"\\ud800":1}',
      '{"payload":"\\u0000"}',
    ]); // lone surrogates as JSON escapes
  if (r < 0.24) return Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]); // not UTF-8
  if (r < 0.28)
    return JSON.stringify({
      Code: { ZipFile: pick(["not base64!", "UEsDBA==", Buffer.from("PK\u0003\u0004garbage").toString("base64"), ""]) },
      FunctionName: randomString(10),
    });
  return JSON.stringify(randomValue());
}

/** encodeURIComponent, except that a lone surrogate becomes the bytes it would have in WTF-8 (%ED%A0%80), which no decoder accepts. */
export function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.toWellFormed()).replaceAll("%EF%BF%BD", "%ED%A0%80");
  }
}

export const NAMES = [
  "",
  "a".repeat(200),
  "..",
  "../../etc/passwd",
  "%00",
  "%ZZ",
  "名前",
  "a b",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "arn:aws:lambda:us-east-1:000000000000:function:x:y:z",
  "arn:aws:lambda:us-east-1:000000000000:function:",
  "x%2Fy",
  "-",
  "$LATEST",
  "fn:1:2",
];

export interface Sent {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string | Buffer;
}
export interface Got {
  status: number;
  text: string;
}

export function raw(port: number, s: Sent): Promise<Got> {
  return new Promise((resolve, reject) => {
    const body = typeof s.body === "string" ? Buffer.from(s.body) : s.body;
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: s.method,
        path: s.target,
        headers: { ...s.headers, "content-length": String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs a request for `service` (the API the path belongs to), as the SDK would. */
export async function sign(port: number, s: Sent, service = "lambda"): Promise<Sent> {
  const q = s.target.indexOf("?");
  const query = Object.fromEntries(new URLSearchParams(q < 0 ? "" : s.target.slice(q + 1)));
  const headers = await signRequest(
    {
      method: s.method,
      host: `127.0.0.1:${port}`,
      path: q < 0 ? s.target : s.target.slice(0, q),
      query,
      headers: s.headers,
      body: s.body,
    },
    { service },
  );
  return { ...s, headers };
}

export function describeSent(s: Sent): string {
  const body = typeof s.body === "string" ? s.body.slice(0, 120) : `<${s.body.length} bytes>`;
  return `${s.method} ${s.target.slice(0, 160)} ${JSON.stringify(Object.fromEntries(Object.entries(s.headers).filter(([k]) => k.startsWith("x-amz-") && k !== "x-amz-date" && k !== "x-amz-content-sha256")))} ${JSON.stringify(body)}`;
}

/** What a fuzz run saw: how many requests, which statuses, and the answers that were wrong. */
export interface Tally {
  sent: number;
  statuses: Set<number>;
  bad: string[];
}

export const newTally = (): Tally => ({ sent: 0, statuses: new Set(), bad: [] });

/** Sends one request; a 5xx or a stack trace in the answer is noted in `tally.bad` with the request. */
export async function sendAndCheck(port: number, req: Sent, tally: Tally): Promise<void> {
  const got = await raw(port, req);
  tally.sent++;
  tally.statuses.add(got.status);
  if (got.status >= 500 || STACK.test(got.text))
    tally.bad.push(`${got.status} ← ${describeSent(req)} → ${got.text.slice(0, 300)}`);
}

/** A function for the fuzzed routes to name (they also name ones that do not exist). */
export async function deployFuzzTarget(lambda: LambdaClient, prefix: string): Promise<string> {
  const target = uniqueName(prefix);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: target,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(`export const handler = async (e) => e;`) },
    }),
  );
  return target;
}
