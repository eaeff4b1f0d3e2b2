import { describe, expect, it } from "vitest";
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import { createSchedule, listScheduleFires, previewSchedule, updateSchedule } from "@/lib/services/schedules";

const t = testServer();
const poll = { timeout: 30_000, interval: 250 };

/** at() in UTC, `s` seconds from now. */
const atIn = (s: number) => `at(${new Date(Date.now() + s * 1000).toISOString().slice(0, 19)})`;

async function deploy(): Promise<string> {
  const name = uniqueName("sched");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: {
        ZipFile: zipOf(
          `export const handler = async (e) => { console.log("EVENT " + JSON.stringify(e)); return null; };`,
        ),
      },
    }),
  );
  return name;
}

describe("schedules", () => {
  it("validate expressions and zones with what is wrong and where, and preview the next fires", () => {
    expect(() => previewSchedule("cron(0 8 * * MON *)")).toThrow(
      expect.objectContaining({
        code: "InvalidParameterValueException",
        fields: expect.objectContaining({ field: "expression" }),
      }),
    );
    expect(() => previewSchedule("rate(5 minute)")).toThrow(/minutes/);
    expect(() => previewSchedule("rate(5 minutes)", "Mars/Olympus")).toThrow(
      expect.objectContaining({ fields: { field: "timeZone" } }),
    );
    const p = previewSchedule("cron(0 8 ? * MON-FRI *)", "Europe/Berlin");
    expect(p.next).toHaveLength(5);
    for (const iso of p.next) expect(new Date(iso).getUTCMinutes()).toBe(0);
    expect(p.description).toMatch(/08:00/);
  });

  it("fire at their time with EventBridge's Scheduled Event, recorded with the invocation", async () => {
    const name = await deploy();
    const ctx = t.srv.platform.services;
    const s = await createSchedule(ctx, name, { name: "soon", expression: atIn(2) });
    await expect
      .poll(async () => (await listScheduleFires(ctx, name, s.id)).map((f) => f.status), poll)
      .toEqual(["fired"]);
    const fire = (await listScheduleFires(ctx, name, s.id))[0]!; // polled above: one fire
    const fnId = (await t.srv.platform.resolver.get(name))!.record.id;
    const event = async () => {
      await t.srv.platform.writer.flush();
      const r = await t.srv.platform.db.pool.query(
        `SELECT l.message, i.trigger, i.outcome FROM log_lines l JOIN invocations i ON i."requestId" = l."requestId" WHERE l."functionId" = $1 AND l."requestId" = $2`,
        [fnId, fire.requestId],
      );
      return r.rows[0] ? { ...r.rows[0], event: JSON.parse(r.rows[0].message.slice(6)) } : null;
    };
    await expect.poll(event, poll).toMatchObject({
      trigger: "schedule",
      outcome: "Success",
      event: {
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "000000000000",
        region: "us-east-1",
        detail: {},
        resources: [expect.stringContaining("schedule/default/soon")],
        time: fire.slot.toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
    });
    // Lateness is counted from the slot; a test asserts its sense, not a speed (a loaded CI machine is slow).
    expect(fire.lateMs).toBeGreaterThanOrEqual(0);
    expect(fire.lateMs).toBeLessThan(10_000);
  });

  it("catch up after downtime within the maximum event age, and record older slots as missed", async () => {
    const name = await deploy();
    const ctx = t.srv.platform.services;
    const s = await createSchedule(ctx, name, {
      name: "every-minute",
      expression: "rate(1 minute)",
      maximumEventAgeSeconds: 120,
      input: '{"fixed":true}',
    });
    await t.srv.platform.scheduler.reload(); // settle the load that creating it started
    // As if every server had been down for the last ten and a half minutes.
    await t.srv.platform.db.pool.query(`DELETE FROM schedule_fires WHERE "scheduleId" = $1`, [s.id]);
    await t.srv.platform.db.pool.query(
      `UPDATE schedules SET "startAt" = now() - interval '630 seconds' WHERE id = $1`,
      [s.id],
    );
    await t.srv.platform.scheduler.reload();
    const fires = await listScheduleFires(ctx, name, s.id);
    const due = fires.filter((f) => Date.now() - f.slot.getTime() > 5000); // leave out a slot that just became due
    expect(due.filter((f) => f.status === "fired")).toHaveLength(2); // 90 s and 30 s old
    expect(due.filter((f) => f.status === "missed")).toHaveLength(9); // 630 … 150 s old
    expect(new Set(fires.map((f) => f.slot.getTime())).size).toBe(fires.length);
    // Disabled schedules are not loaded to fire.
    expect(t.srv.platform.scheduler.has(s.id)).toBe(true);
    await updateSchedule(ctx, name, s.id, { enabled: false });
    await t.srv.platform.scheduler.reload();
    expect(t.srv.platform.scheduler.has(s.id)).toBe(false);
  });
});
