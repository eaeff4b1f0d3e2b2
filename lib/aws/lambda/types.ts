/** What a Lambda API route gets and answers, and the small helpers every route group shares. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UrlSettings } from "@/lib/aws/function-url";
import type { ShapeContext } from "@/lib/aws/shapes";
import type { AccessKeyCache } from "@/lib/aws/sigv4/key-cache";
import type { Caller } from "@/lib/aws/sigv4/verify";
import type { Settings } from "@/lib/env";
import { parseFunctionRef } from "@/lib/function-ref";
import type { Invoker } from "@/lib/invoke/invoker";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { ServiceContext } from "@/lib/services/context";

/** What the AWS APIs need of the process-wide platform (lib/platform builds it). */
export interface AwsApiRuntime {
  invoker: Invoker;
  services: ServiceContext;
  accessKeys: AccessKeyCache;
  settings: Pick<Settings, "PORT" | "NIMBUS_REGION" | "NIMBUS_ACCOUNT_ID" | "NIMBUS_STREAM_MAX_MB">;
  /** How FunctionUrl values are written. */
  urlSettings: UrlSettings;
  /** The queues' data plane (the SQS API). */
  queues: QueueRuntime;
}

export interface LambdaCall {
  platform: AwsApiRuntime;
  /** Services acting for the verified caller. */
  ctx: ServiceContext;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The whole body, read (and hashed for the signature) once. */
  body: Buffer;
  caller: Caller;
  shape: ShapeContext;
  /** When the request arrived (Date.now()): an invocation's trace starts there. */
  receivedAt: number;
}

/** What a handler answers: JSON (or nothing, for 204), a download, or `null` when it wrote the response itself. */
export type Reply = { status: number; json?: unknown } | { status: number; bytes: Buffer; contentType: string } | null;

export interface LambdaRoute {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  handler(c: LambdaCall): Promise<Reply>;
}

export const nameOf = (c: LambdaCall) => parseFunctionRef(c.params.FunctionName ?? "").name;
/** The qualifier a call names: in a qualified ARN or name (`fn:3`), or `?Qualifier=`; "$LATEST" when none. */
export const qualifierOf = (c: LambdaCall) =>
  parseFunctionRef(c.params.FunctionName ?? "", c.query.get("Qualifier")).qualifier;
export const ok = (json: unknown): Reply => ({ status: 200, json });
export const noContent: Reply = { status: 204 };
