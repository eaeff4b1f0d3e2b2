/**
 * Rollouts on an alias against a real server and PostgreSQL: a canary whose new version fails is
 * rolled back by itself, with the numbers it decided on kept and audited; a healthy linear rollout
 * steps up and promotes; a hand change ends a rollout; one-click rollback finds the previous version.
 */
import { describe, expect, it } from "vitest";
import {
  CreateAliasCommand,
  GetAliasCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, enc, testServer, zipOf } from "@/test/server";
import * as rollouts from "@/lib/services/rollouts";

const t = testServer();
let salt = 0;
const ok = (tag: string) => `// ${process.pid}-${salt++}\nexport const handler = async () => ({ tag: "${tag}" });`;
const failing = () => `// ${process.pid}-${salt++}\nexport const handler = async () => { throw new Error("broken"); };`;

/** Version 1 runs `first`, version 2 runs `second`; alias `live` points at 1. */
async function setUp(first: string, second: string) {
  const name = await deployFunction(t.lambda, first);
  await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(second) }));
  await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }));
  return name;
}

async function traffic(name: string, n: number) {
  const versions: string[] = [];
  for (let i = 0; i < n; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, n - i) }, () =>
        t.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: "live", Payload: enc({}) })),
      ),
    );
    versions.push(...batch.map((r) => r.ExecutedVersion!));
  }
  await t.srv.platform.writer.flush();
  return versions;
}

const alias = async (name: string) => t.lambda.send(new GetAliasCommand({ FunctionName: name, Name: "live" }));

describe("rollouts", () => {
  it("roll a canary back by themselves when the new version fails, keeping the numbers", async () => {
    const name = await setUp(ok("A"), failing());
    const ctx = t.srv.platform.services;
    const started = await rollouts.startRollout(ctx, name, {
      alias: "live",
      toVersion: "2",
      strategy: "canary",
      stepPercent: 20,
      intervalSeconds: 3600,
      minInvocations: 10,
    });
    expect(started).toMatchObject({ state: "running", weight: 0.2, fromVersion: "1", toVersion: "2" });
    expect((await alias(name)).RoutingConfig).toEqual({ AdditionalVersionWeights: { "2": 0.2 } });
    const ran = await traffic(name, 200);
    expect(ran.filter((v) => v === "2").length).toBeGreaterThanOrEqual(10);

    // A check may join one already under way that read the numbers before this traffic: look again.
    const state = async () => {
      await t.srv.platform.rollouts.check();
      return (await rollouts.listRollouts(ctx, name))[0]?.state;
    };
    await expect.poll(state, { timeout: 30_000 }).toBe("rolled-back");
    const [after] = await rollouts.listRollouts(ctx, name);
    expect(after).toMatchObject({ id: started.id, state: "rolled-back", weight: 0 });
    expect(after!.finishedAt).toBeInstanceOf(Date);
    const decision = after!.decisions.at(-1)!;
    expect(decision).toMatchObject({
      action: "rollback",
      candidate: { version: "2", errorRate: 100 },
      stable: { version: "1", errorRate: 0 },
    });
    expect(after!.reason).toMatch(/^version 2 failed \d+ of \d+ \(100%\), 100 points over version 1's 0%/);
    // The alias serves version 1 alone again.
    const back = await alias(name);
    expect(back.FunctionVersion).toBe("1");
    expect(back.RoutingConfig).toBeUndefined();
    expect(new Set(await traffic(name, 50))).toEqual(new Set(["1"]));
    const audit = await t.srv.platform.db.pool.query(
      `SELECT action, details FROM audit_events WHERE resource = $1 AND action LIKE 'rollout.%' ORDER BY id`,
      [name],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["rollout.start", "rollout.rollback"]);
    expect(audit.rows[1].details.decision.candidate.errors).toBeGreaterThanOrEqual(10);
  });

  it("step a healthy linear rollout up and promote it; a second one on the alias is refused", async () => {
    const name = await setUp(ok("A"), ok("B"));
    const ctx = t.srv.platform.services;
    const r = await rollouts.startRollout(ctx, name, {
      alias: "live",
      toVersion: "2",
      strategy: "linear",
      stepPercent: 40,
      intervalSeconds: 60,
      // Stepping is under test, not latency: one slow call on a busy machine must not roll it back.
      maxP99Ratio: 0,
    });
    await expect(
      rollouts.startRollout(ctx, name, {
        alias: "live",
        toVersion: "2",
        strategy: "canary",
        stepPercent: 10,
        intervalSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: "ResourceConflictException" });
    await traffic(name, 50);
    // Not due yet: a check changes nothing.
    expect(await rollouts.stepRollout(ctx, r.id)).toBeNull();
    const later = (s: number) => new Date(Date.now() + s * 1000);
    // A step is skipped (null) while another server's watcher holds the rollout's row: step again.
    const step = (at: Date) => expect.poll(() => rollouts.stepRollout(ctx, r.id, at), { timeout: 10_000 });
    await step(later(61)).toMatchObject({ state: "running", weight: 0.8 });
    expect((await alias(name)).RoutingConfig).toEqual({ AdditionalVersionWeights: { "2": 0.8 } });
    await step(later(122)).toMatchObject({ state: "succeeded", weight: 1 });
    const done = await alias(name);
    expect(done.FunctionVersion).toBe("2");
    expect(done.RoutingConfig).toBeUndefined();
    expect(new Set(await traffic(name, 25))).toEqual(new Set(["2"]));
    // One click back: the version before the rollout.
    const rolledBack = await rollouts.rollbackAlias(ctx, name, "live");
    expect(rolledBack).toMatchObject({ functionVersion: "1", routing: null });
  });

  it("end when the alias is changed by hand or cancelled; refuse what cannot roll out", async () => {
    const name = await setUp(ok("A"), ok("B"));
    const ctx = t.srv.platform.services;
    const start = () =>
      rollouts.startRollout(ctx, name, {
        alias: "live",
        toVersion: "2",
        strategy: "canary",
        stepPercent: 10,
        intervalSeconds: 60,
      });
    const first = await start();
    await t.lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }));
    expect((await rollouts.listRollouts(ctx, name))[0]).toMatchObject({
      id: first.id,
      state: "cancelled",
      reason: "the alias was changed by hand",
    });
    const second = await start();
    expect(await rollouts.cancelRollout(ctx, name, second.id)).toMatchObject({ state: "cancelled" });
    expect((await alias(name)).RoutingConfig).toBeUndefined();
    await expect(rollouts.cancelRollout(ctx, name, second.id)).rejects.toMatchObject({
      code: "ResourceConflictException",
    });
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "edge", FunctionVersion: "$LATEST" }));
    const refusals: [Parameters<typeof rollouts.startRollout>[2], RegExp][] = [
      [{ alias: "edge", toVersion: "2", strategy: "canary", stepPercent: 10, intervalSeconds: 1 }, /\$LATEST/],
      [{ alias: "live", toVersion: "1", strategy: "canary", stepPercent: 10, intervalSeconds: 1 }, /already points/],
      [{ alias: "live", toVersion: "7", strategy: "canary", stepPercent: 10, intervalSeconds: 1 }, /:7$/],
      [{ alias: "nope", toVersion: "2", strategy: "canary", stepPercent: 10, intervalSeconds: 1 }, /Alias not found/],
      [{ alias: "live", toVersion: "2", strategy: "canary", stepPercent: 100, intervalSeconds: 1 }, /between 1 and 99/],
    ];
    for (const [input, message] of refusals)
      await expect(rollouts.startRollout(ctx, name, input), JSON.stringify(input)).rejects.toThrow(message);
    await expect(rollouts.rollbackAlias(ctx, name, "edge")).rejects.toThrow(/no previous version/);
  });
});
