/**
 * The Lambda API, one row per operation: its name, method and path as @aws-sdk/client-lambda
 * sends them, and a handler that parses the body with its wire schema (wire.ts), calls one
 * service verb and shapes the answer (shapes.ts). Adding an operation is adding a row here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller } from "@/lib/aws/sigv4/verify";
import { presignGet } from "@/lib/aws/sigv4/verify";
import { handleInvoke } from "@/lib/aws/invoke";
import { functionArn, toFunctionConfiguration, type ShapeContext } from "@/lib/aws/shapes";
import {
  CreateFunctionRequest,
  EventInvokeConfigRequest,
  parseWire,
  PutFunctionConcurrencyRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from "@/lib/aws/lambda/wire";
import { parseFunctionRef } from "@/lib/function-ref";
import type { AccessKeyCache } from "@/lib/aws/sigv4/key-cache";
import type { Settings } from "@/lib/env";
import type { Invoker } from "@/lib/invoke/invoker";
import { getAccountSettings } from "@/lib/services/account";
import type { ServiceContext } from "@/lib/services/context";
import * as eventInvokeConfig from "@/lib/services/event-invoke-config";
import * as functions from "@/lib/services/functions";

/** What the AWS APIs need of the process-wide runtime (lib/runtime builds it). */
export interface AwsApiRuntime {
  invoker: Invoker;
  services: ServiceContext;
  accessKeys: AccessKeyCache;
  settings: Pick<Settings, "PORT" | "NIMBUS_REGION" | "NIMBUS_ACCOUNT_ID">;
}

export interface LambdaCall {
  platform: AwsApiRuntime;
  /** Services acting for the verified caller. */
  ctx: ServiceContext;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The whole body, read (and hashed for the signature) once. */
  body: Buffer;
  caller: Caller;
  shape: ShapeContext;
}

/** What a handler answers: JSON (or nothing, for 204), a download, or `null` when it wrote the response itself. */
export type Reply = { status: number; json?: unknown } | { status: number; bytes: Buffer; contentType: string } | null;

export interface LambdaRoute {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  handler(c: LambdaCall): Promise<Reply>;
}

const nameOf = (c: LambdaCall) => parseFunctionRef(c.params.FunctionName ?? "").name;
const ok = (json: unknown): Reply => ({ status: 200, json });
const noContent: Reply = { status: 204 };

function eventInvokeConfigShape(c: LambdaCall, cfg: eventInvokeConfig.EventInvokeConfigRecord) {
  return {
    LastModified: cfg.updatedAt.getTime() / 1000,
    FunctionArn: `${functionArn(c.shape, nameOf(c))}:$LATEST`,
    MaximumRetryAttempts: cfg.maximumRetryAttempts,
    MaximumEventAgeInSeconds: cfg.maximumEventAgeSeconds,
    DestinationConfig: {
      OnSuccess: cfg.onSuccessDestination ? { Destination: cfg.onSuccessDestination } : {},
      OnFailure: cfg.onFailureDestination ? { Destination: cfg.onFailureDestination } : {},
    },
  };
}

export const LAMBDA_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "Invoke",
    method: "POST",
    path: "/2015-03-31/functions/{FunctionName}/invocations",
    handler: async (c) => {
      await handleInvoke(
        c.platform.invoker,
        c.req,
        c.res,
        c.params.FunctionName ?? "",
        c.query.get("Qualifier"),
        c.body,
      );
      return null;
    },
  },
  {
    operation: "CreateFunction",
    method: "POST",
    path: "/2015-03-31/functions",
    handler: async (c) => {
      const fn = await functions.createFunction(c.ctx, parseWire(CreateFunctionRequest, c.body));
      return { status: 201, json: toFunctionConfiguration(c.shape, fn) };
    },
  },
  {
    operation: "ListFunctions",
    method: "GET",
    path: "/2015-03-31/functions",
    handler: async (c) => {
      const maxItems = c.query.get("MaxItems");
      const page = await functions.listFunctions(c.ctx, {
        marker: c.query.get("Marker") ?? undefined,
        maxItems: maxItems ? Number(maxItems) : 50,
      });
      return ok({
        Functions: page.items.map((f) => toFunctionConfiguration(c.shape, f)),
        ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
      });
    },
  },
  {
    operation: "GetFunction",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}",
    handler: async (c) => {
      const fn = await functions.getFunctionOrThrow(c.ctx, nameOf(c));
      const host = c.req.headers.host ?? `localhost:${c.platform.settings.PORT}`;
      // Presigned with the caller's own key, like the S3 URL real Lambda answers (valid 10 minutes).
      const location = await presignGet(
        c.caller,
        c.shape.region,
        host,
        `/nimbus/code/${encodeURIComponent(fn.name)}.zip`,
      );
      return ok({
        Configuration: toFunctionConfiguration(c.shape, fn),
        Code: { RepositoryType: "S3", Location: location },
        ...(fn.reservedConcurrency !== null
          ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }
          : {}),
        Tags: {},
      });
    },
  },
  {
    operation: "DeleteFunction",
    method: "DELETE",
    path: "/2015-03-31/functions/{FunctionName}",
    handler: async (c) => {
      await functions.deleteFunction(c.ctx, nameOf(c));
      return noContent;
    },
  },
  {
    operation: "GetFunctionConfiguration",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}/configuration",
    handler: async (c) => ok(toFunctionConfiguration(c.shape, await functions.getFunctionOrThrow(c.ctx, nameOf(c)))),
  },
  {
    operation: "UpdateFunctionConfiguration",
    method: "PUT",
    path: "/2015-03-31/functions/{FunctionName}/configuration",
    handler: async (c) => {
      const input = parseWire(UpdateFunctionConfigurationRequest, c.body);
      return ok(toFunctionConfiguration(c.shape, await functions.updateFunctionConfiguration(c.ctx, nameOf(c), input)));
    },
  },
  {
    operation: "UpdateFunctionCode",
    method: "PUT",
    path: "/2015-03-31/functions/{FunctionName}/code",
    handler: async (c) => {
      const zip = parseWire(UpdateFunctionCodeRequest, c.body);
      return ok(toFunctionConfiguration(c.shape, await functions.updateFunctionCode(c.ctx, nameOf(c), zip)));
    },
  },
  {
    operation: "PutFunctionConcurrency",
    method: "PUT",
    path: "/2017-10-31/functions/{FunctionName}/concurrency",
    handler: async (c) => {
      const reserved = parseWire(PutFunctionConcurrencyRequest, c.body);
      return ok({ ReservedConcurrentExecutions: await functions.putFunctionConcurrency(c.ctx, nameOf(c), reserved) });
    },
  },
  {
    operation: "DeleteFunctionConcurrency",
    method: "DELETE",
    path: "/2017-10-31/functions/{FunctionName}/concurrency",
    handler: async (c) => {
      await functions.deleteFunctionConcurrency(c.ctx, nameOf(c));
      return noContent;
    },
  },
  {
    operation: "GetFunctionConcurrency",
    method: "GET",
    path: "/2019-09-30/functions/{FunctionName}/concurrency",
    handler: async (c) => {
      const fn = await functions.getFunctionOrThrow(c.ctx, nameOf(c));
      return ok(fn.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency });
    },
  },
  {
    operation: "GetFunctionEventInvokeConfig",
    method: "GET",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => ok(eventInvokeConfigShape(c, await eventInvokeConfig.getEventInvokeConfig(c.ctx, nameOf(c)))),
  },
  {
    operation: "PutFunctionEventInvokeConfig",
    method: "PUT",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => {
      const input = parseWire(EventInvokeConfigRequest, c.body);
      return ok(
        eventInvokeConfigShape(c, await eventInvokeConfig.putEventInvokeConfig(c.ctx, nameOf(c), input, "put")),
      );
    },
  },
  {
    operation: "UpdateFunctionEventInvokeConfig",
    method: "POST",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => {
      const input = parseWire(EventInvokeConfigRequest, c.body);
      return ok(
        eventInvokeConfigShape(c, await eventInvokeConfig.putEventInvokeConfig(c.ctx, nameOf(c), input, "update")),
      );
    },
  },
  {
    operation: "DeleteFunctionEventInvokeConfig",
    method: "DELETE",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => {
      await eventInvokeConfig.deleteEventInvokeConfig(c.ctx, nameOf(c));
      return noContent;
    },
  },
  {
    operation: "GetAccountSettings",
    method: "GET",
    path: "/2016-08-19/account-settings",
    handler: async (c) => {
      const s = await getAccountSettings(c.ctx);
      return ok({
        AccountLimit: {
          TotalCodeSize: 80530636800,
          CodeSizeUnzipped: 262144000,
          CodeSizeZipped: 52428800,
          ConcurrentExecutions: s.concurrentExecutions,
          UnreservedConcurrentExecutions: s.unreservedConcurrentExecutions,
        },
        AccountUsage: { TotalCodeSize: s.totalCodeSize, FunctionCount: s.functionCount },
      });
    },
  },
  {
    // Not an AWS operation: the download behind GetFunction's presigned Code.Location.
    operation: "NimbusGetFunctionCode",
    method: "GET",
    path: "/nimbus/code/{File}",
    handler: async (c) => {
      const file = c.params.File ?? "";
      if (!file.endsWith(".zip")) return null;
      const { zip } = await functions.getFunctionCode(c.ctx, parseFunctionRef(file.slice(0, -4)).name);
      return {
        status: 200,
        bytes: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
        contentType: "application/zip",
      };
    },
  },
];
