/** What the engine knows of the execution it runs, and the `$$` context object built from it. */
import type { ContextObject } from "@/lib/workflows/asl/types";
import type { Thread } from "@/lib/workflows/engine/threads";

export interface ExecutionInfo {
  id: string;
  arn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  input: unknown;
  startedAt: Date;
  redriveCount: number;
  traceId: string;
  /** The machine's TimeoutSeconds, as a deadline. */
  deadlineAt: Date | null;
  region: string;
}

export function contextObject(info: ExecutionInfo, thread: Thread): ContextObject {
  const ctx: ContextObject = {
    Execution: {
      Id: info.arn,
      Name: info.name,
      StartTime: info.startedAt.toISOString(),
      Input: info.input,
      RoleArn: info.roleArn,
      RedriveCount: info.redriveCount,
    },
    State: { Name: thread.state, EnteredTime: thread.enteredAt, RetryCount: thread.retryCount },
    StateMachine: { Id: info.stateMachineArn, Name: info.stateMachineName },
  };
  if (thread.token) ctx.Task = { Token: thread.token };
  if (thread.item) ctx.Map = { Item: thread.item };
  return ctx;
}
