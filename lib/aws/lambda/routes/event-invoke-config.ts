/** Asynchronous invocation settings: Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s). */
import { EventInvokeConfigRequest, parseWire } from "@/lib/aws/lambda/wire";
import { nameOf, noContent, ok, qualifierOf, type LambdaCall, type LambdaRoute } from "@/lib/aws/lambda/types";
import { functionArn } from "@/lib/aws/shapes";
import * as eventInvokeConfig from "@/lib/services/event-invoke-config";

function eventInvokeConfigShape(c: LambdaCall, cfg: eventInvokeConfig.EventInvokeConfigRecord) {
  return {
    LastModified: cfg.updatedAt.getTime() / 1000,
    FunctionArn: `${functionArn(c.shape, nameOf(c))}:${cfg.qualifier}`,
    MaximumRetryAttempts: cfg.maximumRetryAttempts,
    MaximumEventAgeInSeconds: cfg.maximumEventAgeSeconds,
    DestinationConfig: {
      OnSuccess: cfg.onSuccessDestination ? { Destination: cfg.onSuccessDestination } : {},
      OnFailure: cfg.onFailureDestination ? { Destination: cfg.onFailureDestination } : {},
    },
  };
}

export const EVENT_INVOKE_CONFIG_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "GetFunctionEventInvokeConfig",
    method: "GET",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) =>
      ok(eventInvokeConfigShape(c, await eventInvokeConfig.getEventInvokeConfig(c.ctx, nameOf(c), qualifierOf(c)))),
  },
  {
    operation: "PutFunctionEventInvokeConfig",
    method: "PUT",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => {
      const input = parseWire(EventInvokeConfigRequest, c.body);
      return ok(
        eventInvokeConfigShape(
          c,
          await eventInvokeConfig.putEventInvokeConfig(c.ctx, nameOf(c), input, "put", qualifierOf(c)),
        ),
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
        eventInvokeConfigShape(
          c,
          await eventInvokeConfig.putEventInvokeConfig(c.ctx, nameOf(c), input, "update", qualifierOf(c)),
        ),
      );
    },
  },
  {
    operation: "DeleteFunctionEventInvokeConfig",
    method: "DELETE",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config",
    handler: async (c) => {
      await eventInvokeConfig.deleteEventInvokeConfig(c.ctx, nameOf(c), qualifierOf(c));
      return noContent;
    },
  },
  {
    operation: "ListFunctionEventInvokeConfigs",
    method: "GET",
    path: "/2019-09-25/functions/{FunctionName}/event-invoke-config/list",
    handler: async (c) => {
      const all = await eventInvokeConfig.listEventInvokeConfigs(c.ctx, nameOf(c));
      return ok({ FunctionEventInvokeConfigs: all.map((cfg) => eventInvokeConfigShape(c, cfg)) });
    },
  },
];
