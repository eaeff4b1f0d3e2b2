/**
 * A Standard execution survives kill -9 of its server: the next server goes on from the last
 * checkpoint. A state that had finished does not run again; a task that was running when the
 * server died counts as an interrupted attempt (Nimbus.TaskInterrupted) that its Retry runs again.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { freePort } from "@/lib/db/embedded";
import { deployFunction, lambdaClient, testDatabaseUrl } from "@/test/server";
import { finished, historyOf, sfnClient, uniqueMachine } from "@/test/api/sfn-helpers";
import { spawnServer, waitForHealth } from "@/test/process/spawn";

const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`;

describe("workflow executions survive a crash", () => {
  it("kill -9 during a Wait and during a task: both finish after a restart, nothing done twice", {
    timeout: 120_000,
  }, async () => {
    const env = (port: number) => ({
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(),
      NIMBUS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "nimbus-wfcrash-")),
      NIMBUS_WORKFLOW_LEASE_SECONDS: "3",
    });
    const port1 = await freePort();
    const first = spawnServer(env(port1));
    const url1 = `http://127.0.0.1:${port1}`;
    await waitForHealth(url1);
    const lambda = lambdaClient(url1);
    const step = await deployFunction(
      lambda,
      `export const handler = async (e) => ({ ...e, steps: (e.steps ?? 0) + 1 });`,
      {
        prefix: "wf-step",
      },
    );
    const slow = await deployFunction(
      lambda,
      `export const handler = async (e) => { await new Promise((r) => setTimeout(r, 4000)); return { ...e, slow: true }; };`,
      { prefix: "wf-slow", timeout: 30 },
    );
    const sfn1 = sfnClient(url1);
    const { stateMachineArn } = await sfn1.send(
      new CreateStateMachineCommand({
        name: uniqueMachine("crash"),
        roleArn: "r",
        definition: JSON.stringify({
          StartAt: "Route",
          States: {
            Route: {
              Type: "Choice",
              Choices: [{ Variable: "$.slow", IsPresent: true, Next: "Slow" }],
              Default: "Step",
            },
            Step: { Type: "Task", Resource: arn(step), Next: "Pause" },
            Pause: { Type: "Wait", Seconds: 4, Next: "Again" },
            Again: { Type: "Task", Resource: arn(step), End: true },
            Slow: {
              Type: "Task",
              Resource: arn(slow),
              Retry: [{ ErrorEquals: ["Nimbus.TaskInterrupted"], IntervalSeconds: 1, MaxAttempts: 2 }],
              End: true,
            },
          },
        }),
      }),
    );
    const waiting = await sfn1.send(new StartExecutionCommand({ stateMachineArn, input: '{"steps":0}' }));
    const tasking = await sfn1.send(new StartExecutionCommand({ stateMachineArn, input: '{"slow":false}' }));
    const types = async (execArn: string) => (await historyOf(sfn1, execArn)).map((e) => e.type);
    await expect.poll(() => types(waiting.executionArn!), { timeout: 20_000 }).toContain("WaitStateEntered");
    await expect.poll(() => types(tasking.executionArn!), { timeout: 20_000 }).toContain("LambdaFunctionStarted");
    first.child.kill("SIGKILL");
    await first.exited;

    const port2 = await freePort();
    const second = spawnServer(env(port2));
    const url2 = `http://127.0.0.1:${port2}`;
    try {
      await waitForHealth(url2);
      const sfn2 = sfnClient(url2);
      const a = await finished(sfn2, waiting.executionArn!, 40_000);
      expect(a.status, `${a.error}: ${a.cause}`).toBe("SUCCEEDED");
      expect(JSON.parse(a.output!)).toEqual({ steps: 2 }); // Step once before the crash, Again once after
      const aTypes = (await historyOf(sfn2, waiting.executionArn!)).map((e) => e.type);
      expect(aTypes.filter((x) => x === "LambdaFunctionScheduled")).toHaveLength(2);
      expect(aTypes.filter((x) => x === "WaitStateEntered")).toHaveLength(1);

      const b = await finished(sfn2, tasking.executionArn!, 40_000);
      expect(b.status, `${b.error}: ${b.cause}`).toBe("SUCCEEDED");
      expect(JSON.parse(b.output!)).toEqual({ slow: true });
      const bEvents = await historyOf(sfn2, tasking.executionArn!);
      const failedAttempt = bEvents.find((e) => e.type === "LambdaFunctionFailed");
      expect(failedAttempt?.lambdaFunctionFailedEventDetails?.error).toBe("Nimbus.TaskInterrupted");
      expect(bEvents.filter((e) => e.type === "LambdaFunctionScheduled")).toHaveLength(2); // the interrupted one and its retry
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });
});
