/** Deletes a saved test event (audited). */
import { notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { recordAudit } from "@/lib/services/audit/record";
import { requireTestEventId } from "@/lib/services/test-events/record";

export async function deleteTestEvent(ctx: ServiceContext, functionName: string, id: string): Promise<void> {
  requireTestEventId(id);
  const fn = await getFunctionOrThrow(ctx, functionName);
  await ctx.db.$transaction(async (tx) => {
    const r = await tx.testEvent.deleteMany({ where: { id, functionId: fn.id } });
    if (r.count === 0) throw notFound(`Test event ${id} not found`);
    await recordAudit(tx, ctx, "test-event.delete", fn.name, { testEventId: id });
  });
}
