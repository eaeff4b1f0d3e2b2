import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, DeleteFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import { browseFunctions } from "@/lib/services/functions";
import { createTestEvent, deleteTestEvent, listTestEvents, updateTestEvent } from "@/lib/services/test-events";

const t = testServer();

async function deploy(
  name: string,
  source = `export const handler = async (e) => { if (e.fail) throw new Error("no"); return 1; };`,
  memory = 128,
) {
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(source) },
      MemorySize: memory,
    }),
  );
}

describe("console services", () => {
  it("browse: search, sort, page, and 24 h invocations and errors per function", async () => {
    const prefix = uniqueName("browse");
    for (const [i, mem] of [
      [0, 512],
      [1, 128],
      [2, 256],
    ] as const)
      await deploy(`${prefix}-${i}`, undefined, mem);
    const fail = new TextEncoder().encode(JSON.stringify({ fail: true }));
    await t.lambda.send(new InvokeCommand({ FunctionName: `${prefix}-1` }));
    await t.lambda.send(new InvokeCommand({ FunctionName: `${prefix}-1`, Payload: fail }));
    await t.srv.platform.writer.flush();

    const byName = await browseFunctions(t.srv.platform.services, { search: prefix.toUpperCase() });
    expect(byName.total).toBe(3);
    expect(byName.items.map((f) => f.name)).toEqual([0, 1, 2].map((i) => `${prefix}-${i}`));
    expect(byName.items[1]).toMatchObject({ invocations24h: 2, errors24h: 1 });
    expect(byName.items[0]).toMatchObject({ invocations24h: 0, errors24h: 0 });

    const byMemory = await browseFunctions(t.srv.platform.services, {
      search: prefix,
      sort: "memoryMb",
      order: "desc",
    });
    expect(byMemory.items.map((f) => f.memoryMb)).toEqual([512, 256, 128]);

    const page2 = await browseFunctions(t.srv.platform.services, { search: prefix, pageSize: 2, page: 2 });
    expect(page2.items.map((f) => f.name)).toEqual([`${prefix}-2`]);
    await expect(browseFunctions(t.srv.platform.services, { sort: "nope" as "name" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
  });

  it("test events: create, rename, edit, delete; bad JSON and duplicates refused; gone with the function", async () => {
    const name = uniqueName("events");
    await deploy(name);
    const ctx = t.srv.platform.services;
    const e = await createTestEvent(ctx, name, { name: "first", payload: '{"a":1}' });
    await expect(createTestEvent(ctx, name, { name: "first", payload: "{}" })).rejects.toMatchObject({
      code: "ResourceConflictException",
    });
    await expect(createTestEvent(ctx, name, { name: "broken", payload: "{nope" })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
      message: "The event must be valid JSON",
    });
    const renamed = await updateTestEvent(ctx, name, e.id, { name: "renamed", payload: '{"a":2}' });
    expect(renamed).toMatchObject({ name: "renamed", payload: '{"a":2}' });
    expect((await listTestEvents(ctx, name)).map((x) => x.name)).toEqual(["renamed"]);
    await expect(updateTestEvent(ctx, name, "not-a-uuid", { name: "x" })).rejects.toMatchObject({
      code: "ResourceNotFoundException",
    });
    await createTestEvent(ctx, name, { name: "second", payload: "[]" });
    await deleteTestEvent(ctx, name, e.id);
    expect((await listTestEvents(ctx, name)).map((x) => x.name)).toEqual(["second"]);
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    const left = await t.srv.platform.db.pool.query(
      `SELECT count(*)::int AS n FROM test_events te WHERE NOT EXISTS (SELECT 1 FROM functions f WHERE f.id = te."functionId")`,
    );
    expect(left.rows[0].n).toBe(0);
  });
});
