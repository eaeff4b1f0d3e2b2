/** Renames or edits a saved test event (audited with the fields changed). */
import { conflict, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { requireTestEventId, toTestEventRecord, type TestEventRecord } from "@/lib/services/test-events/record";
import { updateTestEventInput, type UpdateTestEventInput } from "@/lib/services/test-events/schemas";

export async function updateTestEvent(
  ctx: ServiceContext,
  functionName: string,
  id: string,
  input: UpdateTestEventInput,
): Promise<TestEventRecord> {
  requireTestEventId(id);
  const data = parseInput(updateTestEventInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  try {
    await ctx.db.$transaction(async (tx) => {
      const r = await tx.testEvent.updateMany({
        where: { id, functionId: fn.id },
        data: { ...data, updatedAt: new Date() },
      });
      if (r.count === 0) throw notFound(`Test event ${id} not found`);
      await recordAudit(tx, ctx, "test-event.update", fn.name, { testEventId: id, fields: Object.keys(data) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A test event named "${data.name}" already exists`);
    throw err;
  }
  return toTestEventRecord((await ctx.db.testEvent.findUnique({ where: { id } }))!);
}
