/** Saves a new test event for a function (names are unique per function; audited). */
import { randomUUID } from "node:crypto";
import { conflict } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { toTestEventRecord, type TestEventRecord } from "@/lib/services/test-events/record";
import { createTestEventInput, type CreateTestEventInput } from "@/lib/services/test-events/schemas";

/** `input` stays `unknown`: the console route passes the request body as is (see CreateTestEventInput). */
export async function createTestEvent(
  ctx: ServiceContext,
  functionName: string,
  input: CreateTestEventInput,
): Promise<TestEventRecord> {
  const data = parseInput(createTestEventInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  try {
    return toTestEventRecord(
      await ctx.db.$transaction(async (tx) => {
        const created = await tx.testEvent.create({
          data: { id: randomUUID(), functionId: fn.id, name: data.name, payload: data.payload },
        });
        await recordAudit(tx, ctx, "test-event.create", fn.name, { testEvent: created.name });
        return created;
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`A test event named "${data.name}" already exists`);
    throw err;
  }
}
