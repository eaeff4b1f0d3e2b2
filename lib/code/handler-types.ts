/**
 * Type declarations of the handler contract, given to the console's editor so that `event`
 * and `context` complete and mistakes are squiggled. Templates annotate their handler with
 * `@type {import("nimbus").Handler}`.
 */
export const handlerTypes = `declare module "nimbus" {
  /** What your handler receives as its second argument (as in AWS Lambda's Node.js runtime). */
  export interface Context {
    /** The request id of this invocation (also in every log line). */
    awsRequestId: string;
    functionName: string;
    functionVersion: string;
    invokedFunctionArn: string;
    /** The memory size configured for the function, in MB, as a string. */
    memoryLimitInMB: string;
    logGroupName: string;
    logStreamName: string;
    /** Milliseconds left before the function times out. */
    getRemainingTimeInMillis(): number;
    /** Callback-style handlers: wait for the event loop to empty before answering. */
    callbackWaitsForEmptyEventLoop: boolean;
    clientContext?: unknown;
    identity?: unknown;
  }
  export type Callback<R = unknown> = (error?: Error | string | null, result?: R) => void;
  /** A function handler: async (event, context) => result, or callback style. */
  export type Handler<E = any, R = any> = (event: E, context: Context, callback: Callback<R>) => void | Promise<R>;
}
`;
