/**
 * Step Functions ARNs: `arn:aws:states:<region>:<account>:stateMachine:<name>`, its executions'
 * (`…:execution:<machine>:<name>`) and Express executions' (`…:express:<machine>:<name>:<id>`).
 */
export function stateMachineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

export function executionArn(
  region: string,
  accountId: string,
  machine: string,
  name: string,
  /** An Express execution's id (its ARN carries it: Express names need not be unique). */
  expressId?: string,
): string {
  const base = `arn:aws:states:${region}:${accountId}`;
  return expressId ? `${base}:express:${machine}:${name}:${expressId}` : `${base}:execution:${machine}:${name}`;
}

export type ParsedArn =
  | { kind: "stateMachine"; name: string }
  | { kind: "execution"; machine: string; name: string; expressId?: string };

const ARN =
  /^arn:aws[a-zA-Z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express):([^:]+)(?::([^:]+))?(?::([^:]+))?$/;

/** The state machine or execution an ARN names (null: not a Step Functions ARN of those kinds). */
export function parseStatesArn(arn: string): ParsedArn | null {
  const m = ARN.exec(arn);
  if (!m) return null;
  if (m[1] === "stateMachine") return m[3] === undefined ? { kind: "stateMachine", name: m[2]! } : null;
  if (m[3] === undefined) return null;
  if (m[1] === "express") return m[4] ? { kind: "execution", machine: m[2]!, name: m[3], expressId: m[4] } : null;
  return m[4] === undefined ? { kind: "execution", machine: m[2]!, name: m[3] } : null;
}

/** What a schedule or an event source mapping targets, as log lines and audit entries name it. */
export function targetLabel(t: { functionName: string | null; stateMachineName: string | null }): string {
  return t.functionName ?? `state machine ${t.stateMachineName}`;
}
