/** What the services need of the workflow engine (the platform builds it; lib/platform/create.ts). */
import type { StateMachineDefinition } from "@/lib/workflows/asl/types";
import type { ExecutionInfo } from "@/lib/workflows/engine/context";
import type { ExpressResult } from "@/lib/workflows/engine/express";

export interface WorkflowRuntime {
  /** Runs an Express execution in memory to its end. */
  runExpress(info: Omit<ExecutionInfo, "region">, def: StateMachineDefinition): Promise<ExpressResult>;
}
