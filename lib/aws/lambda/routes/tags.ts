/**
 * Tags: TagResource, UntagResource, ListTags on `/2017-03-31/tags/{ARN}`. The resource is a
 * function's ARN (unqualified: versions and aliases carry their function's tags, as on AWS).
 */
import { noContent, ok, type LambdaCall, type LambdaRoute } from "@/lib/aws/lambda/types";
import { parseWire, TagResourceRequest } from "@/lib/aws/lambda/wire";
import { AppError } from "@/lib/errors";
import { parseFunctionRef } from "@/lib/function-ref";
import * as functions from "@/lib/services/functions";
import * as tags from "@/lib/services/tags";

/** The function a tag request's ARN names; anything but a function's ARN is refused by name. */
function taggedFunction(c: LambdaCall): string {
  const arn = c.params.ARN ?? "";
  if (!/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:/.test(arn))
    throw new AppError("InvalidParameterValueException", `Resource must be a function ARN; got ${arn.slice(0, 200)}`);
  if (arn.split(":").length > 7)
    throw new AppError("InvalidParameterValueException", "Tags belong to the function: give its unqualified ARN");
  return parseFunctionRef(arn).name;
}

export const TAG_ROUTES: readonly LambdaRoute[] = [
  {
    operation: "ListTags",
    method: "GET",
    path: "/2017-03-31/tags/{ARN}",
    handler: async (c) => ok({ Tags: (await functions.getFunctionOrThrow(c.ctx, taggedFunction(c))).tags }),
  },
  {
    operation: "TagResource",
    method: "POST",
    path: "/2017-03-31/tags/{ARN}",
    handler: async (c) => {
      await tags.tagFunction(c.ctx, taggedFunction(c), parseWire(TagResourceRequest, c.body));
      return noContent;
    },
  },
  {
    operation: "UntagResource",
    method: "DELETE",
    path: "/2017-03-31/tags/{ARN}",
    handler: async (c) => {
      await tags.untagFunction(c.ctx, taggedFunction(c), c.query.getAll("tagKeys"));
      return noContent;
    },
  },
];
