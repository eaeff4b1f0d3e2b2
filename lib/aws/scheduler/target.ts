/**
 * Target.Arn: a Lambda function of this server (its region and account), optionally with a
 * version or alias, as `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or one
 * of its state machines, `arn:aws:states:<region>:<account>:stateMachine:<name>` (each fire starts
 * an execution with the target's Input). Other targets (SQS, the universal `aws-sdk` ones) are refused.
 */
import { AppError } from "@/lib/errors";
import type { ShapeContext } from "@/lib/aws/shapes";

const LAMBDA_ARN = new RegExp(
  "^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9_-]{1,64})" +
    "(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$",
);

const STATES_ARN = /^arn:aws[a-zA-Z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]{1,80})$/;

const invalid = (message: string) => new AppError("InvalidParameterValueException", message, { field: "Target.Arn" });

export type ParsedTarget = { functionName: string; qualifier: string | null } | { stateMachineName: string };

export function parseTargetArn(arn: string, shape: ShapeContext): ParsedTarget {
  const sm = STATES_ARN.exec(arn);
  if (sm) {
    if (sm[1] !== shape.region || sm[2] !== shape.accountId)
      throw invalid(
        `Target.Arn must name a state machine of this server (region ${shape.region}, account ${shape.accountId})`,
      );
    return { stateMachineName: sm[3]! };
  }
  const m = LAMBDA_ARN.exec(arn);
  if (!m)
    throw invalid(
      "Nimbus schedules target Lambda functions and state machines: Target.Arn must be " +
        `arn:aws:lambda:${shape.region}:${shape.accountId}:function:<name>[:<version or alias>] or ` +
        `arn:aws:states:${shape.region}:${shape.accountId}:stateMachine:<name>, not ${arn.slice(0, 200)}`,
    );
  const [, region, account, functionName, qualifier] = m as unknown as [string, string, string, string, string?];
  if (region !== shape.region || account !== shape.accountId)
    throw invalid(
      `Target.Arn must name a function of this server (region ${shape.region}, account ${shape.accountId}), ` +
        `not one in ${region}/${account}`,
    );
  return { functionName, qualifier: qualifier ?? null };
}
