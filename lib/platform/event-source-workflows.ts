/**
 * What event source mappings that feed a state machine need, from the workflow side: a Standard
 * execution started in the transaction that deletes its batch, an Express one run to its end
 * (recorded like any StartSyncExecution, so the console shows it).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { WorkflowPort } from "@/lib/event-sources/types";
import type { ServiceContext } from "@/lib/services/context";
import { startSyncExecution } from "@/lib/services/executions/start-sync";
import { startExecutionClaimed } from "@/lib/workflows/start-claimed";

export function eventSourceWorkflows(pool: pg.Pool, services: ServiceContext): WorkflowPort {
  const shape = { region: services.settings.NIMBUS_REGION, accountId: services.settings.NIMBUS_ACCOUNT_ID };
  return {
    startClaimed: (machine, input, claim) => startExecutionClaimed(pool, shape, claim, machine, input, randomUUID()),
    runExpress: (machine, input) => startSyncExecution(services, machine, { input }),
  };
}
