/**
 * The Lambda-compatible REST API, served by the server front (not Next's router). Paths,
 * methods and API dates are the ones @aws-sdk/client-lambda sends. Each route parses,
 * calls one service verb and shapes the answer; errors are mapped in sendError.
 * Every request is authenticated with SigV4 first (lib/aws/sigv4): its claims and key before
 * the body is read, its signature once the body (read here, once, for every route) is in.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, invalid } from "@/lib/errors";
import type { NimbusRuntime } from "@/lib/runtime/types";
import * as functions from "@/lib/services/functions";
import {
  deleteEventInvokeConfig,
  getEventInvokeConfig,
  putEventInvokeConfig,
  type EventInvokeConfigRecord,
} from "@/lib/services/event-invoke-config";
import { parseFunctionRef } from "@/lib/invoke/names";
import { BodyTooLarge, readBody, sendError, sendJson, unknownOperation } from "@/lib/aws/http";
import { handleInvoke } from "@/lib/aws/invoke";
import { MAX_SYNC_PAYLOAD_BYTES } from "@/lib/invoke/invoker";
import { checkClaims, presignGet, verifySignature, type Caller } from "@/lib/aws/sigv4/verify";
import { toFunctionConfiguration } from "@/lib/aws/shapes";
import { withActor } from "@/lib/services/context";
import { assertStorableText } from "@/lib/services/validate";
import type { Actor } from "@/lib/services/audit/actor";

/**
 * Who is calling the Lambda API. Signatures are not verified yet, so the access key id in the
 * request is not trusted: the system acts, with the caller's address. When SigV4 lands, this
 * is the one place that returns { type: "access-key", id: <verified key id> }.
 */
export function lambdaActorOf(req: IncomingMessage, caller: Caller): Actor {
  return { type: "access-key", id: caller.accessKeyId, sourceIp: req.socket.remoteAddress ?? null };
}

/** A 50 MB zip, base64-encoded inside JSON. */
const MAX_CONTROL_BODY = 70 * 1024 * 1024;

export const LAMBDA_API_PREFIXES = [
  "/2015-03-31/",
  "/2017-10-31/",
  "/2019-09-30/",
  "/2019-09-25/",
  "/2016-08-19/",
  "/2014-11-13/",
  "/2018-10-31/",
  "/2020-04-22/",
  "/2021-10-31/",
  "/2017-03-31/",
  "/nimbus/code/",
];

export function isLambdaApiPath(url: string): boolean {
  if (url.charCodeAt(0) !== 47 || url.charCodeAt(1) === 95) return false; // '/', not '/_next'
  for (const p of LAMBDA_API_PREFIXES) if (url.startsWith(p)) return true;
  return false;
}

export async function handleLambdaApi(rt: NimbusRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const log = (m: string) => process.stderr.write(m + "\n");
  try {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const parts = {
      method: req.method ?? "GET",
      path: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
      headers: req.headers,
    };
    const pending = await checkClaims(parts, rt.accessKeys, rt.settings.NIMBUS_REGION);
    const invoke = isInvokePath(parts.path);
    let body: Buffer;
    try {
      body = await readBody(req, invoke ? MAX_SYNC_PAYLOAD_BYTES : MAX_CONTROL_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge && invoke)
        throw new AppError(
          "RequestTooLargeException",
          `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
        );
      throw err;
    }
    const caller = await verifySignature(parts, pending, body, rt.accessKeys);
    await route(rt, req, res, { path: parts.path, query: parts.query, body, caller });
  } catch (err) {
    sendError(
      res,
      err instanceof BodyTooLarge ? new AppError("RequestTooLargeException", "Request body is too large") : err,
      log,
    );
  }
}

function isInvokePath(path: string): boolean {
  return path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations");
}

interface Authenticated {
  path: string;
  query: URLSearchParams;
  /** The whole body, read once before the signature was checked. */
  body: Buffer;
  caller: Caller;
}

async function route(
  rt: NimbusRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  { path, query, body: raw, caller }: Authenticated,
): Promise<void> {
  const parts = path.split("/").filter(Boolean).map(safeDecode);
  const [date, collection, rawName, sub] = parts;
  const method = req.method ?? "GET";
  const shape = { region: rt.settings.NIMBUS_REGION, accountId: rt.settings.NIMBUS_ACCOUNT_ID };
  const nameOf = (ref: string) => parseFunctionRef(ref).name;

  // Invoke first: it is the hot path.
  if (
    date === "2015-03-31" &&
    collection === "functions" &&
    sub === "invocations" &&
    method === "POST" &&
    parts.length === 4
  ) {
    return handleInvoke(rt.invoker, req, res, rawName, query.get("Qualifier"), raw);
  }
  const ctx = withActor(rt.services, lambdaActorOf(req, caller)); // after Invoke: the hot path needs no actor

  if (date === "2015-03-31" && collection === "functions") {
    if (parts.length === 2) {
      if (method === "POST") {
        const body = jsonBody(raw);
        const fn = await functions.createFunction(ctx, {
          name: str(body.FunctionName, "FunctionName"),
          ...configurationOf(body),
          zip: zipFrom(body.Code),
        });
        return sendJson(res, 201, toFunctionConfiguration(shape, fn));
      }
      if (method === "GET") {
        const maxItems = query.get("MaxItems");
        const page = await functions.listFunctions(ctx, {
          marker: query.get("Marker") ?? undefined,
          maxItems: maxItems ? Number(maxItems) : 50,
        });
        return sendJson(res, 200, {
          Functions: page.items.map((f) => toFunctionConfiguration(shape, f)),
          ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
        });
      }
    }
    if (parts.length === 3) {
      const name = nameOf(rawName);
      if (method === "GET") {
        const fn = await functions.getFunctionOrThrow(ctx, name);
        const host = req.headers.host ?? `localhost:${rt.settings.PORT}`;
        return sendJson(res, 200, {
          Configuration: toFunctionConfiguration(shape, fn),
          // Presigned with the caller's own key, like the S3 URL real Lambda answers (valid 10 minutes).
          Code: {
            RepositoryType: "S3",
            Location: await presignGet(caller, shape.region, host, `/nimbus/code/${encodeURIComponent(fn.name)}.zip`),
          },
          ...(fn.reservedConcurrency !== null
            ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }
            : {}),
          Tags: {},
        });
      }
      if (method === "DELETE") {
        await functions.deleteFunction(ctx, name);
        res.writeHead(204).end();
        return;
      }
    }
    if (parts.length === 4) {
      const name = nameOf(rawName);
      if (sub === "configuration" && method === "GET")
        return sendJson(res, 200, toFunctionConfiguration(shape, await functions.getFunctionOrThrow(ctx, name)));
      if (sub === "configuration" && method === "PUT") {
        const body = jsonBody(raw);
        const fn = await functions.updateFunctionConfiguration(ctx, name, configurationOf(body));
        return sendJson(res, 200, toFunctionConfiguration(shape, fn));
      }
      if (sub === "code" && method === "PUT") {
        const body = jsonBody(raw);
        const fn = await functions.updateFunctionCode(ctx, name, zipFrom(body));
        return sendJson(res, 200, toFunctionConfiguration(shape, fn));
      }
    }
  }

  if (
    (date === "2017-10-31" || date === "2019-09-30") &&
    collection === "functions" &&
    sub === "concurrency" &&
    parts.length === 4
  ) {
    const name = nameOf(rawName);
    if (date === "2017-10-31" && method === "PUT") {
      const body = jsonBody(raw);
      if (typeof body.ReservedConcurrentExecutions !== "number")
        throw invalid("ReservedConcurrentExecutions is required and must be a number");
      const reserved = await functions.putFunctionConcurrency(ctx, name, body.ReservedConcurrentExecutions);
      return sendJson(res, 200, { ReservedConcurrentExecutions: reserved });
    }
    if (date === "2017-10-31" && method === "DELETE") {
      await functions.deleteFunctionConcurrency(ctx, name);
      res.writeHead(204).end();
      return;
    }
    if (date === "2019-09-30" && method === "GET") {
      const fn = await functions.getFunctionOrThrow(ctx, name);
      return sendJson(
        res,
        200,
        fn.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency },
      );
    }
  }

  if (date === "2019-09-25" && collection === "functions" && sub === "event-invoke-config" && parts.length === 4) {
    const name = nameOf(rawName);
    const shapeOf = (c: EventInvokeConfigRecord) => ({
      LastModified: c.updatedAt.getTime() / 1000,
      FunctionArn: `arn:aws:lambda:${shape.region}:${shape.accountId}:function:${name}:$LATEST`,
      MaximumRetryAttempts: c.maximumRetryAttempts,
      MaximumEventAgeInSeconds: c.maximumEventAgeSeconds,
      DestinationConfig: {
        OnSuccess: c.onSuccessDestination ? { Destination: c.onSuccessDestination } : {},
        OnFailure: c.onFailureDestination ? { Destination: c.onFailureDestination } : {},
      },
    });
    if (method === "GET") return sendJson(res, 200, shapeOf(await getEventInvokeConfig(ctx, name)));
    if (method === "DELETE") {
      await deleteEventInvokeConfig(ctx, name);
      res.writeHead(204).end();
      return;
    }
    if (method === "PUT" || method === "POST") {
      const body = jsonBody(raw);
      const dest = body.DestinationConfig as
        | { OnSuccess?: { Destination?: unknown }; OnFailure?: { Destination?: unknown } }
        | undefined;
      const destOf = (d: { Destination?: unknown } | undefined) =>
        d === undefined
          ? undefined
          : d.Destination === undefined
            ? null
            : (optStr(d.Destination, "Destination") ?? null);
      const cfg = await putEventInvokeConfig(
        ctx,
        name,
        {
          maximumRetryAttempts: optNum(body.MaximumRetryAttempts, "MaximumRetryAttempts"),
          maximumEventAgeSeconds: optNum(body.MaximumEventAgeInSeconds, "MaximumEventAgeInSeconds"),
          onSuccessDestination: destOf(dest?.OnSuccess),
          onFailureDestination: destOf(dest?.OnFailure),
        },
        method === "PUT" ? "put" : "update",
      );
      return sendJson(res, 200, shapeOf(cfg));
    }
  }

  if (date === "2016-08-19" && collection === "account-settings" && method === "GET") {
    const [count, size] = await Promise.all([
      ctx.db.fn.count(),
      ctx.db.fn.aggregate({ _sum: { codeSize: true, reservedConcurrency: true } }),
    ]);
    const max = rt.settings.NIMBUS_MAX_CONCURRENCY;
    return sendJson(res, 200, {
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: max,
        UnreservedConcurrentExecutions: max - (size._sum.reservedConcurrency ?? 0),
      },
      AccountUsage: { TotalCodeSize: size._sum.codeSize ?? 0, FunctionCount: count },
    });
  }

  // The code download behind GetFunction's Code.Location.
  if (
    date === "nimbus" &&
    collection === "code" &&
    parts.length === 3 &&
    method === "GET" &&
    rawName.endsWith(".zip")
  ) {
    const { zip } = await functions.getFunctionCode(ctx, nameOf(rawName.slice(0, -4)));
    res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": zip.byteLength });
    res.end(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    return;
  }

  throw unknownOperation();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid("The request path is not valid URL encoding");
  }
}

function jsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("InvalidRequestContentException", "Could not parse request body into json");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new AppError("InvalidRequestContentException", "The request body must be a JSON object");
  assertStorableText(v); // names the field as the client sent it (e.g. Environment.Variables.KEY)
  return v as Record<string, unknown>;
}

function str(v: unknown, field: string): string {
  if (typeof v !== "string") throw invalid(`${field} is required and must be a string`);
  return v;
}
function optStr(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  return str(v, field);
}
function optNum(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") throw invalid(`${field} must be a number`);
  return v;
}
/** The configuration fields CreateFunction and UpdateFunctionConfiguration share, in the service's terms. */
function configurationOf(body: Record<string, unknown>) {
  return {
    description: optStr(body.Description, "Description"),
    runtime: optStr(body.Runtime, "Runtime"),
    handler: optStr(body.Handler, "Handler"),
    memoryMb: optNum(body.MemorySize, "MemorySize"),
    ephemeralStorageMb: ephemeralSize(body.EphemeralStorage),
    timeoutSec: optNum(body.Timeout, "Timeout"),
    environment: envVars(body.Environment),
  };
}
function ephemeralSize(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalid("EphemeralStorage must be an object with Size");
  return optNum((v as { Size?: unknown }).Size, "EphemeralStorage.Size");
}
function envVars(v: unknown): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const vars = (v as { Variables?: unknown }).Variables;
  if (vars === undefined || vars === null) return {};
  if (typeof vars !== "object" || Array.isArray(vars)) throw invalid("Environment.Variables must be a map of strings");
  for (const val of Object.values(vars))
    if (typeof val !== "string") throw invalid("Environment.Variables values must be strings");
  return vars as Record<string, string>;
}
function zipFrom(code: unknown): Uint8Array {
  const z = (code as { ZipFile?: unknown } | undefined)?.ZipFile;
  if (typeof z !== "string" || z.length === 0) {
    if (code && typeof code === "object" && ("S3Bucket" in code || "ImageUri" in code))
      throw invalid("Only Code.ZipFile is supported by this server (no S3 or container images)");
    throw invalid("Code.ZipFile is required (a base64-encoded zip)");
  }
  if (!/^[A-Za-z0-9+/=\s]*$/.test(z)) throw invalid("Code.ZipFile must be base64");
  return new Uint8Array(Buffer.from(z, "base64"));
}
