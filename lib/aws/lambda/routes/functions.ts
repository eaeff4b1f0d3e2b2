/** Functions: invoke, create, list, get, configure, update code, delete, and the code download. */
import { handleInvoke } from "@/lib/aws/invoke";
import { handleInvokeStream } from "@/lib/aws/invoke-stream";
import {
  CreateFunctionRequest,
  parseWire,
  UpdateFunctionCodeOptions,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from "@/lib/aws/lambda/wire";
import { nameOf, qualifierOf, noContent, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { toFunctionConfiguration } from "@/lib/aws/shapes";
import { presignGet } from "@/lib/aws/sigv4/verify";
import { parseFunctionRef } from "@/lib/function-ref";
import * as functions from "@/lib/services/functions";
import * as versions from "@/lib/services/versions";

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
        c.receivedAt,
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
      const { input, publish } = parseWire(CreateFunctionRequest, c.body);
      const fn = await functions.createFunction(c.ctx, input);
      // Publish: the answer describes version 1, as Lambda's does.
      const shown = publish ? (await versions.publishVersion(c.ctx, fn.name)).version : fn;
      return { status: 201, json: toFunctionConfiguration(c.shape, shown) };
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
      // FunctionVersion=ALL: each function's published versions follow it.
      const all = c.query.get("FunctionVersion") === "ALL";
      const published = all
        ? await versions.publishedVersionsOf(
            c.ctx,
            page.items.map((f) => f.id),
          )
        : [];
      const items = page.items.flatMap((f) => [f, ...published.filter((v) => v.id === f.id)]);
      return ok({
        Functions: items.map((f) => toFunctionConfiguration(c.shape, f)),
        ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
      });
    },
  },
  {
    operation: "GetFunction",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}",
    handler: async (c) => {
      const fn = await versions.getFunctionVersion(c.ctx, nameOf(c), qualifierOf(c));
      const host = c.req.headers.host ?? `localhost:${c.platform.settings.PORT}`;
      const file = fn.version === "$LATEST" ? fn.name : `${fn.name}:${fn.version}`;
      // Presigned with the caller's own key, like the S3 URL real Lambda answers (valid 10 minutes).
      const location = await presignGet(c.caller, c.shape.region, host, `/nimbus/code/${encodeURIComponent(file)}.zip`);
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
      // With a qualifier only that version goes ($LATEST is refused: it is the function).
      const qualified = c.query.has("Qualifier") || (c.params.FunctionName ?? "").includes(":");
      if (qualified) await versions.deleteFunctionVersion(c.ctx, nameOf(c), qualifierOf(c));
      else await functions.deleteFunction(c.ctx, nameOf(c));
      return noContent;
    },
  },
  {
    operation: "GetFunctionConfiguration",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}/configuration",
    handler: async (c) =>
      ok(toFunctionConfiguration(c.shape, await versions.getFunctionVersion(c.ctx, nameOf(c), qualifierOf(c)))),
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
      const { publish, revisionId } = parseWire(UpdateFunctionCodeOptions, c.body);
      const fn = await functions.updateFunctionCode(c.ctx, nameOf(c), zip, { revisionId });
      const shown = publish ? (await versions.publishVersion(c.ctx, fn.name)).version : fn;
      return ok(toFunctionConfiguration(c.shape, shown));
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
      const ref = parseFunctionRef(file.slice(0, -4));
      const { zip } = await functions.getFunctionCode(c.ctx, ref.name, (ctx, name) =>
        versions.getFunctionVersion(ctx, name, ref.qualifier),
      );
      return {
        status: 200,
        bytes: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
        contentType: "application/zip",
      };
    },
  },
];
