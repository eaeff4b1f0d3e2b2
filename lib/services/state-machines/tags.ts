/** Adds and removes a state machine's tags (TagResource / UntagResource). */
import { recordAudit } from "@/lib/services/audit/record";
import type { ServiceContext } from "@/lib/services/context";
import { getStateMachineOrThrow } from "@/lib/services/state-machines/record";

export async function tagStateMachine(
  ctx: ServiceContext,
  name: string,
  add: Record<string, string>,
  remove: string[],
): Promise<void> {
  const m = await getStateMachineOrThrow(ctx, name);
  const tags = { ...m.tags, ...add };
  for (const k of remove) delete tags[k];
  await ctx.db.$transaction(async (tx) => {
    await tx.stateMachine.update({ where: { id: m.id }, data: { tags } });
    await recordAudit(tx, ctx, "state-machine.tag", name, { added: Object.keys(add), removed: remove });
  });
}
