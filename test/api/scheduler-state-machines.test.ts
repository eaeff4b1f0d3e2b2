/**
 * Schedules whose Target.Arn is a state machine: each fire starts one Standard execution with the
 * target's Input, exactly once per slot; Get/List answer the state machine's ARN; a schedule can
 * move between a function and a state machine; deleting the machine deletes its schedules.
 */
import { describe, expect, it } from "vitest";
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  UpdateScheduleCommand,
  ValidationException,
} from "@aws-sdk/client-scheduler";
import { CreateStateMachineCommand, DeleteStateMachineCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { finished, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";
import { atIn, fnArn, ROLE, schedulerClient, scheduleInput } from "@/test/api/scheduler-helpers";
import { listScheduleFires, listSchedules } from "@/lib/services/schedules";
import { deployFunction, testServer, uniqueName } from "@/test/server";

const t = testServer();

describe("schedules of state machines", () => {
  it("a fire starts one execution with the target's Input", { timeout: 30_000 }, async () => {
    const sfn = sfnClient(t.srv.url);
    const scheduler = schedulerClient(t.srv.url);
    const machine = uniqueMachine("cron");
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: machine,
        roleArn: "r",
        definition: JSON.stringify({
          StartAt: "P",
          States: { P: { Type: "Pass", Parameters: { "got.$": "$.n" }, End: true } },
        }),
      }),
    );
    const name = uniqueName("sm-sched");
    await scheduler.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: atIn(1),
        FlexibleTimeWindow: { Mode: "OFF" },
        Target: { Arn: stateMachineArn, RoleArn: ROLE, Input: '{"n":7}' },
      }),
    );
    const got = await scheduler.send(new GetScheduleCommand({ Name: name }));
    expect(got.Target?.Arn).toBe(stateMachineArn);
    const listed = await scheduler.send(new ListSchedulesCommand({ NamePrefix: name }));
    expect(listed.Schedules?.map((s) => s.Target?.Arn)).toEqual([stateMachineArn]);

    let executionArn = "";
    await expect
      .poll(
        async () => {
          const l = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
          executionArn = l.executions?.[0]?.executionArn ?? "";
          return l.executions?.length ?? 0;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);
    const done = await finished(sfn, executionArn);
    expect([done.status, JSON.parse(done.output!)]).toEqual(["SUCCEEDED", { got: 7 }]);
    // The console's view of it (the state machine page's Schedules tab): the schedule, and its fire
    // naming the execution it started.
    const owner = { stateMachine: machine };
    const [own] = await listSchedules(t.srv.platform.services, owner);
    expect(own?.name).toBe(name);
    const fires = await listScheduleFires(t.srv.platform.services, owner, own!.id);
    expect(fires.map((f) => [f.status, f.requestId])).toEqual([["fired", executionArn.split(":").at(-1)]]);
    // One slot, one execution: the at() schedule does not fire again.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions).toHaveLength(1);

    // Deleting the machine deletes its schedules with it.
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(scheduler.send(new GetScheduleCommand({ Name: name }))).rejects.toThrow(/does not exist/);
  });

  it("moves a schedule between a function and a state machine, and refuses foreign targets", async () => {
    const sfn = sfnClient(t.srv.url);
    const scheduler = schedulerClient(t.srv.url);
    const fn = await deployFunction(t.lambda, `export const handler = async () => 1;`, { prefix: "sm-move" });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("move"),
        roleArn: "r",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
      }),
    );
    const name = uniqueName("sm-move");
    await scheduler.send(new CreateScheduleCommand(scheduleInput(name, fn)));
    await scheduler.send(
      new UpdateScheduleCommand({ ...scheduleInput(name, fn), Target: { Arn: stateMachineArn, RoleArn: ROLE } }),
    );
    expect((await scheduler.send(new GetScheduleCommand({ Name: name }))).Target?.Arn).toBe(stateMachineArn);
    await scheduler.send(new UpdateScheduleCommand(scheduleInput(name, fn)));
    expect((await scheduler.send(new GetScheduleCommand({ Name: name }))).Target?.Arn).toBe(fnArn(fn));
    await scheduler.send(new DeleteScheduleCommand({ Name: name }));

    const foreign = "arn:aws:states:eu-west-1:000000000000:stateMachine:elsewhere";
    await expect(
      scheduler.send(
        new CreateScheduleCommand({ ...scheduleInput(uniqueName("x"), fn), Target: { Arn: foreign, RoleArn: ROLE } }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
