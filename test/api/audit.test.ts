import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import {
  lambdaClient,
  signedFetch,
  TEST_ROOT_ACCESS_KEY_ID,
  startTestServer,
  uniqueName,
  testServer,
  zipOf,
} from "@/test/server";
import { listAuditEvents } from "@/lib/services/audit/list";
import { createAccessKey, deleteAccessKey, updateAccessKeyStatus } from "@/lib/services/access-keys";
import { login } from "@/lib/services/sessions/login";
import { hashPassword } from "@/lib/crypto/password";
import { randomUUID } from "node:crypto";
import { withActor } from "@/lib/services/context";
import { createTestEvent } from "@/lib/services/test-events";
import { createSchedule, deleteSchedule } from "@/lib/services/schedules";

const t = testServer();
const entries = async (resource: string) =>
  (await listAuditEvents(t.srv.platform.services, { resource, limit: 200 })).items.reverse();

async function deploy(name: string, source = `export const handler = async () => "ok";`, timeout = 3) {
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(source) },
      Timeout: timeout,
    }),
  );
}

describe("audit log", () => {
  it("records key changes and sign-ins with who made them, never a secret", async () => {
    const ctx = withActor(t.srv.platform.services, { type: "console-user", id: "alice", sourceIp: "198.51.100.7" });
    const { key, secretAccessKey } = await createAccessKey(ctx, { description: "ci" });
    await updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Inactive" });
    await updateAccessKeyStatus(ctx, key.accessKeyId, { status: "Inactive" }); // no change: no entry
    await deleteAccessKey(ctx, key.accessKeyId);
    const log = await entries(key.accessKeyId);
    expect(log.map((e) => [e.action, e.actorType, e.actor, e.sourceIp])).toEqual([
      ["access-key.create", "console-user", "alice", "198.51.100.7"],
      ["access-key.update-status", "console-user", "alice", "198.51.100.7"],
      ["access-key.delete", "console-user", "alice", "198.51.100.7"],
    ]);
    expect(JSON.stringify(log)).not.toContain(secretAccessKey);

    // A user of its own: other test files share the database and its "admin".
    const username = uniqueName("user").slice(0, 60);
    const password = "audit-user-password";
    await t.srv.platform.db.prisma.user.create({
      data: { id: randomUUID(), username, passwordHash: await hashPassword(password) },
    });
    await login(t.srv.platform.services, { username, password }, "198.51.100.8");
    const signIns = await entries(username);
    expect(signIns.map((e) => [e.action, e.actorType, e.actor, e.sourceIp])).toEqual([
      ["console.sign-in", "console-user", username, "198.51.100.8"],
    ]);
    expect(JSON.stringify(signIns)).not.toContain(password);
  });

  it("records each verb with actor, action and what changed — and nothing for a change that failed validation", async () => {
    const name = uniqueName("audited");
    await deploy(name);
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        MemorySize: 256,
        Description: "d",
        Environment: { Variables: { MODE: "fast" } },
      }),
    );
    await expect(
      t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 5 })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 100_000 })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await t.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipOf(`export const handler = async () => "v2";`) }),
    );
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 3 }));

    const ctx = withActor(t.srv.platform.services, { type: "console-user", id: "alice", sourceIp: "10.0.0.7" });
    await createTestEvent(ctx, name, { name: "e1", payload: "{}" });
    const sched = await createSchedule(ctx, name, { name: "nightly", expression: "rate(1 day)" });
    await expect(createSchedule(ctx, name, { name: "bad", expression: "rate(nope)" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
    await deleteSchedule(ctx, name, sched.id);
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));

    const log = await entries(name);
    expect(log.map((e) => e.action)).toEqual([
      "function.create",
      "function.update-configuration",
      "function.update-code",
      "function.put-concurrency",
      "test-event.create",
      "schedule.create",
      "schedule.delete",
      "function.delete",
    ]);
    expect(log[0]).toMatchObject({
      actorType: "access-key",
      actor: TEST_ROOT_ACCESS_KEY_ID,
      sourceIp: "127.0.0.1",
      details: { memoryMb: 128, timeoutSec: 3 },
    });
    expect(log[1]!.details).toEqual({
      changes: { memoryMb: { from: 128, to: 256 }, description: { from: "", to: "d" } },
      variables: { added: ["MODE"], removed: [], changed: [] },
    });
    expect(JSON.stringify(log[1]!.details)).not.toContain("fast"); // variable values are not recorded
    expect(log[2]!.details).toMatchObject({ codeSha256: { from: expect.any(String), to: expect.any(String) } });
    expect(log[3]!.details).toEqual({ reservedConcurrency: { from: null, to: 3 } });
    expect(log[4]).toMatchObject({
      actorType: "console-user",
      actor: "alice",
      sourceIp: "10.0.0.7",
      details: { testEvent: "e1" },
    });
    expect(log[5]!.details).toMatchObject({ schedule: "nightly", expression: "rate(1 day)" });
  });

  it("pages newest first and filters by action prefix, actor and time", async () => {
    const name = uniqueName("paged");
    await deploy(name);
    for (const m of [256, 512, 1024])
      await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: m }));
    const svc = t.srv.platform.services;
    const p1 = await listAuditEvents(svc, { resource: name, limit: 3 });
    expect(p1.items.map((e) => e.details.changes)).toEqual([
      { memoryMb: { from: 512, to: 1024 } },
      { memoryMb: { from: 256, to: 512 } },
      { memoryMb: { from: 128, to: 256 } },
    ]);
    const p2 = await listAuditEvents(svc, { resource: name, limit: 3, cursor: p1.nextCursor! });
    expect(p2.items.map((e) => e.action)).toEqual(["function.create"]);
    expect(p2.nextCursor).toBeNull();
    expect((await listAuditEvents(svc, { resource: name, action: "function.create" })).items).toHaveLength(1);
    expect((await listAuditEvents(svc, { resource: name, action: "function.update" })).items).toHaveLength(3);
    expect((await listAuditEvents(svc, { resource: name, actor: "someone-else" })).items).toHaveLength(0);
    expect(
      (await listAuditEvents(svc, { resource: name, from: new Date(Date.now() + 60_000).toISOString() })).items,
    ).toHaveLength(0);
    await expect(listAuditEvents(svc, { cursor: "garbage" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
    await expect(listAuditEvents(svc, { from: "yesterday" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
  });

  it("a timed-out function leaves a sandbox.killed entry (written off the invoke path)", async () => {
    const name = uniqueName("sleepy");
    await deploy(name, `export const handler = () => new Promise(() => {});`, 1);
    const r = await t.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(r.FunctionError).toBe("Unhandled");
    await t.srv.platform.audit.flush();
    const killed = (await entries(name)).filter((e) => e.action === "sandbox.killed");
    expect(killed).toHaveLength(1);
    expect(killed[0]).toMatchObject({
      actorType: "system",
      actor: "nimbus",
      details: { reason: "timeout", version: "$LATEST", requestId: r.$metadata.requestId },
    });
    expect(killed[0]!.details.pid).toEqual(expect.any(Number));
  });

  it("a tampered code row leaves a security.code-tampered entry, on invoke and on download", async () => {
    const name = uniqueName("tampered");
    await deploy(name);
    const pool = t.srv.platform.db.pool;
    await pool.query(
      `UPDATE code_packages SET zip = set_byte(zip, length(zip) - 1, get_byte(zip, length(zip) - 1) # 1) WHERE sha256 = (SELECT "codeSha256" FROM functions WHERE name = $1)`,
      [name],
    );
    const other = await startTestServer();
    try {
      const r = await lambdaClient(other.url).send(new InvokeCommand({ FunctionName: name }));
      expect(r.FunctionError).toBe("Unhandled");
      await lambdaClient(other.url).send(new InvokeCommand({ FunctionName: name })); // refused again: one entry a minute is enough
      await other.platform.audit.flush();
      expect((await signedFetch(`${other.url}/nimbus/code/${name}.zip`)).status).toBe(500);
    } finally {
      await other.close();
    }
    const tampered = (await entries(name)).filter((e) => e.action === "security.code-tampered");
    expect(tampered.map((e) => e.details.refused)).toEqual(["invoke", "download"]);
    expect(tampered[0]).toMatchObject({
      actorType: "system",
      details: { reason: expect.stringMatching(/does not decrypt/) },
    });
  });
});
