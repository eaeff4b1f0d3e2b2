/** Step Functions ARNs: `arn:aws:states:<region>:<account>:stateMachine:<name>` and its executions'. */
export function stateMachineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

export function executionArn(
  region: string,
  accountId: string,
  machine: string,
  name: string,
  express = false,
): string {
  return `arn:aws:states:${region}:${accountId}:${express ? "express" : "execution"}:${machine}:${name}`;
}

export type ParsedArn =
  | { kind: "stateMachine"; name: string }
  | { kind: "execution"; machine: string; name: string; express: boolean };

const ARN =
  /^arn:aws[a-zA-Z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express):([^:]+)(?::([^:]+))?(?::([^:]+))?$/;

/** The state machine or execution an ARN names (null: not a Step Functions ARN of those kinds). */
export function parseStatesArn(arn: string): ParsedArn | null {
  const m = ARN.exec(arn);
  if (!m) return null;
  if (m[1] === "stateMachine") return m[3] === undefined ? { kind: "stateMachine", name: m[2]! } : null;
  if (m[3] === undefined) return null;
  return { kind: "execution", machine: m[2]!, name: m[3], express: m[1] === "express" };
}
