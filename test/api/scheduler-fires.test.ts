/**
 * Schedules made with @aws-sdk/client-scheduler fire: on time, with their Input, recorded as
 * invocations with trigger "schedule"; a one-time schedule with ActionAfterCompletion DELETE
 * is gone once it has fired.
 */
import { describe, expect, it } from "vitest";
import { CreateScheduleCommand, GetScheduleCommand } from "@aws-sdk/client-scheduler";
import { deployFunction, testServer } from "@/test/server";
import { atIn, schedulerClient, scheduleInput } from "@/test/api/scheduler-helpers";
import { findScheduleOrThrow, listScheduleFires } from "@/lib/services/schedules";

const t = testServer();
const poll = { timeout: 30_000, interval: 250 };
const SOURCE = `export const handler = async (e) => { console.log("EVENT " + JSON.stringify(e)); return "done"; };`;

/** The function's invocations with the first log line of each, oldest first. */
async function invocations(name: string) {
  await t.srv.platform.writer.flush();
  const r = await t.srv.platform.db.pool.query<{
    requestId: string;
    trigger: string;
    outcome: string;
    message: string;
  }>(
    `SELECT i."requestId", i.trigger, i.outcome,
       (SELECT l.message FROM log_lines l WHERE l."requestId" = i."requestId" ORDER BY l.id LIMIT 1) AS message
     FROM invocations i WHERE i."functionName" = $1 ORDER BY i."startedAt"`,
    [name],
  );
  return r.rows;
}

describe("schedules made through the Scheduler API", () => {
  it("fire on time with their Input and invoke the function", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-fire" });
    const client = schedulerClient(t.srv.url);
    await client.send(
      new CreateScheduleCommand(
        scheduleInput(fn, fn, {
          ScheduleExpression: atIn(2),
          Target: { ...scheduleInput(fn, fn).Target!, Input: JSON.stringify({ from: "sdk" }) },
        }),
      ),
    );
    await expect
      .poll(() => invocations(fn), poll)
      .toEqual([expect.objectContaining({ trigger: "schedule", outcome: "Success", message: 'EVENT {"from":"sdk"}' })]);
    const { schedule } = await findScheduleOrThrow(t.srv.platform.services, "default", fn);
    const [fire] = await listScheduleFires(t.srv.platform.services, fn, schedule.id);
    expect(fire).toMatchObject({ status: "fired", requestId: (await invocations(fn))[0]!.requestId });
    // Lateness is counted from the slot; a test asserts its sense, not a speed (a loaded CI machine is slow).
    expect(fire!.lateMs).toBeGreaterThanOrEqual(0);
    expect(fire!.lateMs).toBeLessThan(10_000);
    // A one-time schedule without ActionAfterCompletion stays, having fired.
    expect((await client.send(new GetScheduleCommand({ Name: fn }))).State).toBe("ENABLED");
  });

  it("with ActionAfterCompletion DELETE, are deleted once they have fired", async () => {
    const fn = await deployFunction(t.lambda, SOURCE, { prefix: "sch-once" });
    const client = schedulerClient(t.srv.url);
    await client.send(
      new CreateScheduleCommand(
        scheduleInput(fn, fn, { ScheduleExpression: atIn(2), ActionAfterCompletion: "DELETE" }),
      ),
    );
    const gone = () =>
      client.send(new GetScheduleCommand({ Name: fn })).then(
        () => false,
        (e: Error) => e.name === "ResourceNotFoundException",
      );
    await expect.poll(gone, poll).toBe(true);
    // Firing queues the invocation and the schedule goes at once, as in AWS: the run may still
    // be under way when the schedule is already gone.
    await expect
      .poll(() => invocations(fn), poll)
      .toEqual([expect.objectContaining({ trigger: "schedule", outcome: "Success" })]);
    const [run] = await invocations(fn);
    // Without Input the function gets EventBridge's Scheduled Event, naming the schedule.
    expect(JSON.parse(run!.message.slice("EVENT ".length))).toMatchObject({
      "detail-type": "Scheduled Event",
      resources: [`arn:aws:scheduler:us-east-1:000000000000:schedule/default/${fn}`],
    });
  });
});
