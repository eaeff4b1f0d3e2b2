/** Reserved concurrency: Put/Get/DeleteFunctionConcurrency. */
import { parseWire, PutFunctionConcurrencyRequest } from "@/lib/aws/lambda/wire";
import { nameOf, noContent, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import * as functions from "@/lib/services/functions";

export const CONCURRENCY_ROUTES: readonly LambdaRoute[] = [
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
];
