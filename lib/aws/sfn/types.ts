/** What a Step Functions action gets and answers (the router reads and verifies the request first). */
import type { IncomingMessage } from "node:http";
import type { AwsApiRuntime } from "@/lib/aws/lambda/types";
import type { ShapeContext } from "@/lib/aws/shapes";
import type { Input } from "@/lib/aws/sfn/wire";
import type { ServiceContext } from "@/lib/services/context";

export interface SfnCall {
  platform: AwsApiRuntime;
  ctx: ServiceContext;
  req: IncomingMessage;
  input: Input;
  shape: ShapeContext;
}

export type SfnAction = (c: SfnCall) => Promise<Record<string, unknown>>;
