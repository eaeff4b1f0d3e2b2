/**
 * The Scheduler API as the server front serves it: which paths are its, the service name its
 * requests are signed for, its route table, body limit and error shape. The router
 * (lib/aws/router.ts) picks it by path, before the signature is checked.
 */
import { RouteTable } from "@/lib/aws/lambda/match";
import type { LambdaRoute } from "@/lib/aws/lambda/types";
import { sendSchedulerError } from "@/lib/aws/scheduler/errors";
import { SCHEDULER_ROUTES } from "@/lib/aws/scheduler/routes";

const PATHS = /^\/(schedules|schedule-groups|tags)([/?]|$)/;

export const SCHEDULER_API = {
  /** The credential scope's service, as the SDK and CLI sign (`…/us-east-1/scheduler/aws4_request`). */
  service: "scheduler",
  /** Whether a path (or a whole request target, query included) is the Scheduler API's. */
  owns: (path: string) => PATHS.test(path),
  routes: new RouteTable<LambdaRoute>(SCHEDULER_ROUTES),
  /** A schedule's Input is at most 256 KB; the rest of a body is small. */
  maxBodyBytes: 1024 * 1024,
  sendError: sendSchedulerError,
};
