/**
 * Target.Arn: a Lambda function of this server (its region and account), optionally with a
 * version or alias, as `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
 * Other targets (SQS, Step Functions, the universal `aws-sdk` targets) are refused by name.
 */
import { AppError } from "@/lib/errors";
import { functionArn, type ShapeContext } from "@/lib/aws/shapes";

const LAMBDA_ARN = new RegExp(
  "^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9_-]{1,64})" +
    "(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$",
);

const invalid = (message: string) => new AppError("InvalidParameterValueException", message, { field: "Target.Arn" });

export function parseTargetArn(arn: string, shape: ShapeContext): { functionName: string; qualifier: string | null } {
  const m = LAMBDA_ARN.exec(arn);
  if (!m)
    throw invalid(
      "Nimbus schedules can only target Lambda functions: Target.Arn must be " +
        `arn:aws:lambda:${shape.region}:${shape.accountId}:function:<name>[:<version or alias>], ` +
        `not ${arn.slice(0, 200)}`,
    );
  const [, region, account, functionName, qualifier] = m as unknown as [string, string, string, string, string?];
  if (region !== shape.region || account !== shape.accountId)
    throw invalid(
      `Target.Arn must name a function of this server (region ${shape.region}, account ${shape.accountId}), ` +
        `not one in ${region}/${account}`,
    );
  return { functionName, qualifier: qualifier ?? null };
}

export function targetArn(shape: ShapeContext, functionName: string, qualifier: string | null): string {
  return qualifier ? `${functionArn(shape, functionName)}:${qualifier}` : functionArn(shape, functionName);
}
