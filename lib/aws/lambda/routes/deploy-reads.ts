/**
 * What deploy tools read about a function on every plan (Terraform's AWS provider, SAM, the CLI):
 * code signing and runtime management. Nimbus has no code signing and updates runtimes itself, so
 * the answers say so in Lambda's shapes instead of failing the tool.
 */
import { nameOf, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { functionArn } from "@/lib/aws/shapes";
import * as functions from "@/lib/services/functions";

export const DEPLOY_READ_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "GetFunctionCodeSigningConfig",
    method: "GET",
    path: "/2020-06-30/functions/{FunctionName}/code-signing-config",
    handler: async (c) => {
      const fn = await functions.getFunctionOrThrow(c.ctx, nameOf(c));
      return ok({ CodeSigningConfigArn: "", FunctionName: fn.name });
    },
  },
  {
    operation: "GetRuntimeManagementConfig",
    method: "GET",
    path: "/2021-07-20/functions/{FunctionName}/runtime-management-config",
    handler: async (c) => {
      const fn = await functions.getFunctionOrThrow(c.ctx, nameOf(c));
      return ok({ UpdateRuntimeOn: "Auto", FunctionArn: functionArn(c.shape, fn.name) });
    },
  },
];
