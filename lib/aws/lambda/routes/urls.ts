/** Function URLs (Create/Get/Update/Delete/ListFunctionUrlConfig[s]) and the resource policy they need. */
import { functionUrlOf } from "@/lib/aws/function-url";
import {
  AddPermissionRequest,
  CreateFunctionUrlConfigRequest,
  parseWire,
  UpdateFunctionUrlConfigRequest,
} from "@/lib/aws/lambda/wire";
import { nameOf, noContent, ok, type LambdaCall, type LambdaRoute } from "@/lib/aws/lambda/types";
import { functionArn } from "@/lib/aws/shapes";
import * as urls from "@/lib/services/function-urls";
import * as permissions from "@/lib/services/permissions";

function urlConfigShape(c: LambdaCall, u: urls.FunctionUrlRecord, modified = true) {
  return {
    FunctionUrl: functionUrlOf(u.urlId, c.platform.urlSettings),
    FunctionArn: `${functionArn(c.shape, u.functionName)}${u.qualifier === "$LATEST" ? "" : `:${u.qualifier}`}`,
    AuthType: u.authType,
    ...(u.cors ? { Cors: u.cors } : {}),
    InvokeMode: u.invokeMode,
    CreationTime: u.createdAt.toISOString(),
    ...(modified ? { LastModifiedTime: u.updatedAt.toISOString() } : {}),
  };
}

const qualifier = (c: LambdaCall) => c.query.get("Qualifier");

export const URL_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "CreateFunctionUrlConfig",
    method: "POST",
    path: "/2021-10-31/functions/{FunctionName}/url",
    handler: async (c) => {
      const input = parseWire(CreateFunctionUrlConfigRequest, c.body);
      const u = await urls.createFunctionUrl(c.ctx, nameOf(c), qualifier(c), input);
      return { status: 201, json: urlConfigShape(c, u, false) };
    },
  },
  {
    operation: "GetFunctionUrlConfig",
    method: "GET",
    path: "/2021-10-31/functions/{FunctionName}/url",
    handler: async (c) => ok(urlConfigShape(c, await urls.getFunctionUrl(c.ctx, nameOf(c), qualifier(c)))),
  },
  {
    operation: "UpdateFunctionUrlConfig",
    method: "PUT",
    path: "/2021-10-31/functions/{FunctionName}/url",
    handler: async (c) => {
      const input = parseWire(UpdateFunctionUrlConfigRequest, c.body);
      return ok(urlConfigShape(c, await urls.updateFunctionUrl(c.ctx, nameOf(c), qualifier(c), input)));
    },
  },
  {
    operation: "DeleteFunctionUrlConfig",
    method: "DELETE",
    path: "/2021-10-31/functions/{FunctionName}/url",
    handler: async (c) => {
      await urls.deleteFunctionUrl(c.ctx, nameOf(c), qualifier(c));
      return noContent;
    },
  },
  {
    operation: "ListFunctionUrlConfigs",
    method: "GET",
    path: "/2021-10-31/functions/{FunctionName}/urls",
    handler: async (c) =>
      ok({ FunctionUrlConfigs: (await urls.listFunctionUrls(c.ctx, nameOf(c))).map((u) => urlConfigShape(c, u)) }),
  },
  {
    operation: "AddPermission",
    method: "POST",
    path: "/2015-03-31/functions/{FunctionName}/policy",
    handler: async (c) => {
      const input = parseWire(AddPermissionRequest, c.body);
      const statement = await permissions.addPermission(c.ctx, nameOf(c), qualifier(c), input);
      return { status: 201, json: { Statement: JSON.stringify(statement) } };
    },
  },
  {
    operation: "RemovePermission",
    method: "DELETE",
    path: "/2015-03-31/functions/{FunctionName}/policy/{StatementId}",
    handler: async (c) => {
      await permissions.removePermission(c.ctx, nameOf(c), c.params.StatementId ?? "", {
        qualifier: qualifier(c),
        revisionId: c.query.get("RevisionId"),
      });
      return noContent;
    },
  },
  {
    operation: "GetPolicy",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}/policy",
    handler: async (c) => {
      const p = await permissions.getPolicy(c.ctx, nameOf(c), qualifier(c));
      return ok({ Policy: p.policy, RevisionId: p.revisionId });
    },
  },
];
