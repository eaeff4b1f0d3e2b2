/** Versions: PublishVersion and ListVersionsByFunction (qualified reads live with the function routes). */
import { nameOf, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { parseWire, PublishVersionRequest } from "@/lib/aws/lambda/wire";
import { toFunctionConfiguration } from "@/lib/aws/shapes";
import * as versions from "@/lib/services/versions";

export const VERSION_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "PublishVersion",
    method: "POST",
    path: "/2015-03-31/functions/{FunctionName}/versions",
    handler: async (c) => {
      const input = parseWire(PublishVersionRequest, c.body);
      const { version } = await versions.publishVersion(c.ctx, nameOf(c), input);
      return { status: 201, json: toFunctionConfiguration(c.shape, version) };
    },
  },
  {
    operation: "ListVersionsByFunction",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}/versions",
    handler: async (c) => {
      const maxItems = c.query.get("MaxItems");
      const page = await versions.listVersions(c.ctx, nameOf(c), {
        marker: c.query.get("Marker") ?? undefined,
        maxItems: maxItems ? Number(maxItems) : undefined,
      });
      return ok({
        Versions: page.items.map((v) => toFunctionConfiguration(c.shape, v)),
        ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
      });
    },
  },
];
