/**
 * What the runner does with the fields the Scheduler API brought: a version qualifier, a
 * flexible time window, delivery retries that end in a failed fire, ActionAfterCompletion
 * DELETE after a one-time schedule fires, and StartDate/EndDate bounding a rate schedule.
 * Driven through the services (the API's own tests drive it through the SDK).
 */
import { describe, expect, it } from "vitest";
import { CreateAliasCommand, PublishVersionCommand, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { deployFunction, testServer, zipOf } from "@/test/server";
import { createSchedule, listScheduleFires } from "@/lib/services/schedules";
import { flexibleOffsetMs } from "@/lib/scheduler/delivery";

const t = testServer();
const poll = { timeout: 30_000, interval: 250 };
const SOURCE = `export const handler = async (e) => { console.log("EVENT " + JSON.stringify(e)); return "v-latest"; };`;

/** at() in UTC, `s` seconds from now. */
const atIn = (s: number) => `at(${new Date(Date.now() + s * 1000).toISOString().slice(0, 19)})`;

async function invocationsOf(name: string) {
  await t.srv.platform.writer.flush();
  const r = await t.srv.platform.db.pool.query<{ version: string; trigger: string; outcome: string }>(
    `SELECT version, trigger, outcome FROM invocations WHERE "functionName" = $1 ORDER BY "startedAt"`,
    [name],
  );
  return r.rows;
}

const scheduleExists = async (id: string) =>
  (await t.srv.platform.db.pool.query(`SELECT 1 FROM schedules WHERE id = $1`, [id])).rowCount === 1;

describe("the schedule runner", () => {
  it("invokes the version or alias a qualified target names", async () => {
    const name = await deployFunction(t.lambda, SOURCE, { prefix: "sched-q" });
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(`export const handler = async () => 2;`) }),
    );
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "2" }));
    const ctx = t.srv.platform.services;
    await createSchedule(ctx, name, { name: `${name}-v1`, expression: atIn(2), qualifier: "1" });
    await createSchedule(ctx, name, { name: `${name}-live`, expression: atIn(3), qualifier: "live" });
    await expect
      .poll(() => invocationsOf(name), poll)
      .toEqual([
        { version: "1", trigger: "schedule", outcome: "Success" },
        { version: "2", trigger: "schedule", outcome: "Success" },
      ]);
  });

  it("fires a slot at its offset inside a flexible time window", async () => {
    const name = await deployFunction(t.lambda, SOURCE, { prefix: "sched-flex" });
    const ctx = t.srv.platform.services;
    const s = await createSchedule(ctx, name, { name, expression: "rate(1 minute)", flexibleWindowMinutes: 1 });
    await t.srv.platform.scheduler.reload();
    // Its first slot 55 s ago: within the window, it fires at its offset (now, or within 5 s).
    const slot = Date.now() - 55_000;
    await t.srv.platform.db.pool.query(`DELETE FROM schedule_fires WHERE "scheduleId" = $1`, [s.id]);
    await t.srv.platform.db.pool.query(`UPDATE schedules SET "startAt" = $2 WHERE id = $1`, [s.id, new Date(slot)]);
    await t.srv.platform.scheduler.reload();
    const offset = flexibleOffsetMs(s.id, slot, 1);
    await expect
      .poll(async () => (await listScheduleFires(ctx, name, s.id)).find((f) => f.slot.getTime() === slot)?.status, poll)
      .toBe("fired");
    const fire = (await listScheduleFires(ctx, name, s.id)).find((f) => f.slot.getTime() === slot)!;
    expect(fire.firedAt.getTime()).toBeGreaterThanOrEqual(slot + offset - 5); // the clocks of node and PostgreSQL
    expect(fire.lateMs).toBeGreaterThanOrEqual(Math.min(offset, 55_000) - 5);
  });

  it("retries a target it cannot reach, then records the slot as failed", async () => {
    const name = await deployFunction(t.lambda, SOURCE, { prefix: "sched-retry" });
    const ctx = t.srv.platform.services;
    const s = await createSchedule(ctx, name, {
      name,
      expression: atIn(2),
      qualifier: "99", // no such version
      maximumRetryAttempts: 2,
      maximumEventAgeSeconds: 60,
    });
    await expect.poll(async () => (await listScheduleFires(ctx, name, s.id))[0]?.status, poll).toBe("failed");
    const [fire] = await listScheduleFires(ctx, name, s.id);
    expect(fire).toMatchObject({ attempts: 3, requestId: null, error: expect.stringMatching(/not found.*:99/i) });
    expect(await invocationsOf(name)).toEqual([]);
  });

  it("deletes a one-time schedule after it fires when ActionAfterCompletion is DELETE", async () => {
    const name = await deployFunction(t.lambda, SOURCE, { prefix: "sched-once" });
    const ctx = t.srv.platform.services;
    const s = await createSchedule(ctx, name, { name, expression: atIn(2), actionAfterCompletion: "DELETE" });
    await expect.poll(() => scheduleExists(s.id), poll).toBe(false);
    await expect.poll(async () => (await invocationsOf(name)).map((i) => i.trigger), poll).toEqual(["schedule"]);
    await t.srv.platform.audit.flush();
    const audit = await t.srv.platform.db.pool.query(
      `SELECT "actorType", details FROM audit_events WHERE resource = $1 AND action = 'schedule.delete'`,
      [name],
    );
    expect(audit.rows).toEqual([
      { actorType: "system", details: { schedule: name, group: "default", reason: "ActionAfterCompletion DELETE" } },
    ]);
  });

  it("fires a rate schedule only between StartDate and EndDate", async () => {
    const name = await deployFunction(t.lambda, SOURCE, { prefix: "sched-window" });
    const ctx = t.srv.platform.services;
    const now = Date.now();
    const s = await createSchedule(ctx, name, {
      name,
      expression: "rate(1 minute)",
      startDate: new Date(now - 150_000),
      endDate: new Date(now + 1000),
      actionAfterCompletion: "DELETE",
    });
    // Slots at −150 s, −90 s and −30 s; the next (+30 s) is past the EndDate, so the schedule completes.
    await expect.poll(() => scheduleExists(s.id), poll).toBe(false);
    await expect.poll(async () => (await invocationsOf(name)).length, poll).toBe(3);
  });
});
