/**
 * A function's resource-based policy, as Lambda keeps it: IAM statements added one by one
 * (AddPermission) and returned as one policy document (GetPolicy). Nimbus evaluates one thing
 * from it: whether a function URL with AuthType NONE may be invoked by anyone.
 */

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: "*" | { AWS: string } | { Service: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** AddPermission's Principal: *, an account id, a service (…amazonaws.com) or an ARN. */
export function principalOf(principal: string): PolicyStatement["Principal"] {
  if (principal === "*") return "*";
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/\.amazonaws\.com$/.test(principal) || /\.amazonaws\.com\.cn$/.test(principal)) return { Service: principal };
  return { AWS: principal };
}

/** Whether the statements let anyone invoke the function through a URL whose AuthType is NONE. */
export function allowsPublicUrl(statements: readonly PolicyStatement[]): boolean {
  return statements.some((s) => {
    const anyone =
      s.Principal === "*" || (typeof s.Principal === "object" && "AWS" in s.Principal && s.Principal.AWS === "*");
    const action = s.Action === "lambda:InvokeFunctionUrl" || s.Action === "lambda:*" || s.Action === "*";
    const auth = s.Condition?.StringEquals?.["lambda:FunctionUrlAuthType"];
    return s.Effect === "Allow" && anyone && action && (auth === undefined || auth === "NONE");
  });
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}
