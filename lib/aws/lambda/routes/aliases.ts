/** Aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, in Lambda's AliasConfiguration shape. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { nameOf, ok, type LambdaRoute } from "@/lib/aws/lambda/types";
import { parseWire } from "@/lib/aws/lambda/wire";
import type { ShapeContext } from "@/lib/aws/shapes";
import * as aliases from "@/lib/services/aliases";

const str = z.string({ error: "must be a string" });
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

/** RoutingConfig.AdditionalVersionWeights: `{}` (or no map) clears it; Lambda allows one version. */
const RoutingConfig = z
  .object({
    AdditionalVersionWeights: opt(
      z.record(z.string(), z.number({ error: "must be a number" }), { error: "must be a map of version → weight" }),
    ),
  })
  .loose()
  .nullish()
  .transform((r) => {
    if (r === undefined) return undefined;
    const entries = Object.entries(r?.AdditionalVersionWeights ?? {});
    if (entries.length > 1)
      throw new AppError(
        "InvalidParameterValueException",
        "RoutingConfig.AdditionalVersionWeights: an alias can send traffic to at most one additional version",
      );
    const [first] = entries;
    return first ? { additionalVersion: first[0], weight: first[1] } : null;
  });

const CreateAliasRequest = z
  .object({ Name: str, FunctionVersion: str, Description: opt(str), RoutingConfig })
  .loose()
  .transform((b) => ({
    name: b.Name,
    functionVersion: b.FunctionVersion,
    description: b.Description,
    routing: b.RoutingConfig ?? undefined,
  }));

const UpdateAliasRequest = z
  .object({ FunctionVersion: opt(str), Description: opt(str), RoutingConfig, RevisionId: opt(str) })
  .loose()
  .transform((b) => ({
    functionVersion: b.FunctionVersion,
    description: b.Description,
    routing: b.RoutingConfig,
    revisionId: b.RevisionId,
  }));

export function toAliasConfiguration(s: ShapeContext, a: aliases.AliasRecord) {
  return {
    AliasArn: `arn:aws:lambda:${s.region}:${s.accountId}:function:${a.functionName}:${a.name}`,
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    ...(a.routing
      ? { RoutingConfig: { AdditionalVersionWeights: { [a.routing.additionalVersion]: a.routing.weight } } }
      : {}),
    RevisionId: a.revisionId,
  };
}

const ALIAS = "/2015-03-31/functions/{FunctionName}/aliases/{Name}";

export const ALIAS_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "CreateAlias",
    method: "POST",
    path: "/2015-03-31/functions/{FunctionName}/aliases",
    handler: async (c) => {
      const alias = await aliases.createAlias(c.ctx, nameOf(c), parseWire(CreateAliasRequest, c.body));
      return { status: 201, json: toAliasConfiguration(c.shape, alias) };
    },
  },
  {
    operation: "ListAliases",
    method: "GET",
    path: "/2015-03-31/functions/{FunctionName}/aliases",
    handler: async (c) => {
      const maxItems = c.query.get("MaxItems");
      const page = await aliases.listAliases(c.ctx, nameOf(c), {
        functionVersion: c.query.get("FunctionVersion") ?? undefined,
        marker: c.query.get("Marker") ?? undefined,
        maxItems: maxItems ? Number(maxItems) : undefined,
      });
      return ok({
        Aliases: page.items.map((a) => toAliasConfiguration(c.shape, a)),
        ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}),
      });
    },
  },
  {
    operation: "GetAlias",
    method: "GET",
    path: ALIAS,
    handler: async (c) => ok(toAliasConfiguration(c.shape, await aliases.getAlias(c.ctx, nameOf(c), c.params.Name!))),
  },
  {
    operation: "UpdateAlias",
    method: "PUT",
    path: ALIAS,
    handler: async (c) => {
      const input = parseWire(UpdateAliasRequest, c.body);
      return ok(toAliasConfiguration(c.shape, await aliases.updateAlias(c.ctx, nameOf(c), c.params.Name!, input)));
    },
  },
  {
    operation: "DeleteAlias",
    method: "DELETE",
    path: ALIAS,
    handler: async (c) => {
      await aliases.deleteAlias(c.ctx, nameOf(c), c.params.Name!);
      return { status: 204 };
    },
  },
];
