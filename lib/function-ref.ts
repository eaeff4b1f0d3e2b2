import { AppError } from "@/lib/errors";

/**
 * FunctionName as the Lambda API takes it: a name, a partial ARN (123456789012:function:name)
 * or a full ARN, each optionally with :qualifier. Only $LATEST exists here.
 */
export function parseFunctionRef(ref: string, qualifier?: string | null): { name: string; qualifier: string } {
  let name = ref;
  let q = qualifier ?? undefined;
  const arn =
    /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:\d{12}:)?function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/.exec(ref);
  if (arn) {
    name = arn[1]!; // group 1 is not optional
    if (arn[2]) q = arn[2];
  } else {
    const m = /^([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/.exec(ref);
    if (!m)
      throw new AppError(
        "InvalidParameterValueException",
        `1 validation error detected: Value '${ref.slice(0, 200)}' at 'functionName' failed to satisfy constraint: ` +
          "Member must satisfy regular expression pattern: " +
          "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?" +
          "(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
      );
    name = m[1]!; // group 1 is not optional
    if (m[2]) q = m[2];
  }
  if (name.length > 64)
    throw new AppError("InvalidParameterValueException", "Function name must be between 1 and 64 characters");
  return { name, qualifier: q ?? "$LATEST" };
}
