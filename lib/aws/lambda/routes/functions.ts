/** Functions: invoke, create, list, get, configure, update code, delete, and the code download. */
import { handleInvoke } from "@/lib/aws/invoke";
import { handleInvokeStream } from "@/lib/aws/invoke-stream";
import {
  CreateFunctionRequest,
  parseWire,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from "@/lib/aws/lambda/wire";
import { nameOf, noContent, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { toFunctionConfiguration } from "@/lib/aws/shapes";
import { presignGet } from "@/lib/aws/sigv4/verify";
import { parseFunctionRef } from "@/lib/function-ref";
import * as functions from "@/lib/services/functions";

export const FUNCTION_ROUTES: readonly LambdaRoute[] = [
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
    operation: "InvokeWithResponseStream",
    method: "POST",
    path: "/2021-11-15/functions/{FunctionName}/response-streaming-invocations",
    handler: async (c) => {
      await handleInvokeStream(
        c.platform.invoker,
        c.req,
        c.res,
        c.params.FunctionName ?? "",
        c.query.get("Qualifier"),
        c.body,
        c.platform.settings.NIMBUS_STREAM_MAX_MB * 1024 * 1024,
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
        ...(Object.keys(fn.tags).length ? { Tags: fn.tags } : {}),
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
