import { AppError } from "@/lib/errors";
import type { QueueRuntime } from "@/lib/message-queues/runtime";
import type { ServiceContext } from "@/lib/services/context";

/** The queues' data plane, which every message verb needs (the platform always provides it). */
export function queueRuntime(ctx: ServiceContext): QueueRuntime {
  if (!ctx.queues) throw new AppError("ServiceUnavailableException", "Queues are not available on this server");
  return ctx.queues;
}
