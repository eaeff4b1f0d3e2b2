import { jsonBody, route } from "@/lib/http/route";
import { listExecutions } from "@/lib/services/executions";
import { createStateMachine, listStateMachines } from "@/lib/services/state-machines";
import type { CreateStateMachineInput } from "@/lib/services/state-machines/schemas";
import type { StateMachineSummary } from "@/lib/queries/state-machines";

/** How many of each machine's newest executions the list counts by status. */
const RECENT_EXECUTIONS = 50;

/**
 * GET → every state machine (up to 1000) with its newest execution and the statuses of its last
 * RECENT_EXECUTIONS: one small query per machine, run side by side.
 */
export const GET = route(async ({ platform }) => {
  const ctx = platform.services;
  const { items } = await listStateMachines(ctx, { limit: 1000 });
  return Promise.all(
    items.map(async (m): Promise<StateMachineSummary> => {
      const recent: StateMachineSummary["recent"] = {};
      const executions = await listExecutions(ctx, m.name, { limit: RECENT_EXECUTIONS }).catch(() => null);
      for (const e of executions?.items ?? []) recent[e.status] = (recent[e.status] ?? 0) + 1;
      const last = executions?.items[0];
      return {
        name: m.name,
        arn: m.arn,
        type: m.type,
        description: m.description,
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
        lastExecution: last ? { name: last.name, status: last.status, startedAt: last.startedAt.toISOString() } : null,
        recent,
      };
    }),
  );
});

/** POST { name, definition, type?, description? } → the state machine (the service checks the definition). */
export const POST = route(async ({ req, platform }) => {
  const { name, definition, type, description } = await jsonBody(req);
  return createStateMachine(platform.services, { name, definition, type, description } as CreateStateMachineInput);
});
