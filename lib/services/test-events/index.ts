/** Saved test events of a function: list, create, update (rename/edit), delete. */
import { randomUUID } from "node:crypto";
import { conflict, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { getFunctionOrThrow } from "@/lib/services/functions/get";
import { isUniqueViolation } from "@/lib/services/functions/store-code";
import { parseInput } from "@/lib/services/validate";
import { recordAudit } from "@/lib/services/audit/record";
import { createTestEventInput, updateTestEventInput } from "@/lib/services/test-events/schemas";

export interface TestEventRecord {
  id: string;
  name: string;
  payload: string;
  updatedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const requireId = (id: string) => {
  if (!UUID.test(id)) throw notFound(`Test event ${id.slice(0, 64)} not found`);
};

const pick = (r: TestEventRecord): TestEventRecord => ({
  id: r.id,
  name: r.name,
  payload: r.payload,
  updatedAt: r.updatedAt,
});

export async function listTestEvents(ctx: ServiceContext, functionName: string): Promise<TestEventRecord[]> {
  const fn = await getFunctionOrThrow(ctx, functionName);
  const rows = await ctx.db.testEvent.findMany({ where: { functionId: fn.id }, orderBy: { name: "asc" } });
  return rows.map(pick);
}

export async function createTestEvent(
  ctx: ServiceContext,
  functionName: string,
  input: unknown,
): Promise<TestEventRecord> {
  const data = parseInput(createTestEventInput, input);
  const fn = await getFunctionOrThrow(ctx, functionName);
  try {
    return pick(
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

export async function updateTestEvent(
  ctx: ServiceContext,
  functionName: string,
  id: string,
  input: unknown,
): Promise<TestEventRecord> {
  requireId(id);
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
  return pick((await ctx.db.testEvent.findUnique({ where: { id } }))!);
}

export async function deleteTestEvent(ctx: ServiceContext, functionName: string, id: string): Promise<void> {
  requireId(id);
  const fn = await getFunctionOrThrow(ctx, functionName);
  await ctx.db.$transaction(async (tx) => {
    const r = await tx.testEvent.deleteMany({ where: { id, functionId: fn.id } });
    if (r.count === 0) throw notFound(`Test event ${id} not found`);
    await recordAudit(tx, ctx, "test-event.delete", fn.name, { testEventId: id });
  });
}
