/** What an SQS action gets and answers (the router reads and verifies the request first). */
import type { IncomingMessage } from "node:http";
import type { AwsApiRuntime } from "@/lib/aws/lambda/types";
import type { ShapeContext } from "@/lib/aws/shapes";
import type { Input } from "@/lib/aws/sqs/wire";
import type { ServiceContext } from "@/lib/services/context";

export interface SqsCall {
  platform: AwsApiRuntime;
  /** Services acting for the verified caller. */
  ctx: ServiceContext;
  req: IncomingMessage;
  input: Input;
  shape: ShapeContext;
}

/** Answers the operation's output members (an empty object for operations without output). */
export type SqsAction = (c: SqsCall) => Promise<Record<string, unknown>>;
