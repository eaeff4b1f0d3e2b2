/** GetAccountSettings. */
import { ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { getAccountSettings } from "@/lib/services/account";

export const ACCOUNT_ROUTES: readonly LambdaRoute[] = [
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
];
