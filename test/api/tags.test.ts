/** Tags through the unmodified SDK: on create, in GetFunction, Tag/Untag/ListTags, Lambda's limits. */
import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-lambda";
import { testServer, uniqueName, zipOf } from "@/test/server";
import { replaceTags } from "@/lib/services/tags";
import { browseFunctions } from "@/lib/services/functions";

const t = testServer();
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

async function create(tags?: Record<string, string>) {
  const name = uniqueName("tags");
  await t.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: "r",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf(`export const handler = async () => 1;`) },
      Tags: tags,
    }),
  );
  return name;
}

describe("tags", () => {
  it("are set on create, shown by GetFunction and ListTags, added and removed", async () => {
    const name = await create({ team: "payments", env: "dev" });
    expect((await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Tags).toEqual({
      team: "payments",
      env: "dev",
    });
    await t.lambda.send(new TagResourceCommand({ Resource: arnOf(name), Tags: { env: "prod", cost: "42" } }));
    expect((await t.lambda.send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({
      team: "payments",
      env: "prod",
      cost: "42",
    });
    await t.lambda.send(new UntagResourceCommand({ Resource: arnOf(name), TagKeys: ["team", "not-there"] }));
    expect((await t.lambda.send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({
      env: "prod",
      cost: "42",
    });
    // Each change is in the audit log, with what changed.
    const audit = await t.srv.platform.db.pool.query(
      `SELECT action, details FROM audit_events WHERE resource = $1 AND action LIKE 'function.%tag' ORDER BY at, id`,
      [name],
    );
    expect(audit.rows).toEqual([
      {
        action: "function.tag",
        details: { tags: { env: { from: "dev", to: "prod" }, cost: { from: null, to: "42" } } },
      },
      { action: "function.untag", details: { removed: ["team"] } },
    ]);
  });

  it("a function without tags has none in GetFunction and an empty ListTags", async () => {
    const name = await create();
    expect((await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Tags).toBeUndefined();
    expect((await t.lambda.send(new ListTagsCommand({ Resource: arnOf(name) }))).Tags).toEqual({});
  });

  it("keep Lambda's limits and name what is wrong", async () => {
    const name = await create();
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    for (const [tags, message] of [
      [many, /at most 50 tags/],
      [{ "aws:owner": "x" }, /aws: are reserved/],
      [{ ["k".repeat(129)]: "x" }, /1 to 128 characters/],
      [{ k: "v".repeat(257) }, /at most 256 characters/],
    ] as const)
      await expect(
        t.lambda.send(new TagResourceCommand({ Resource: arnOf(name), Tags: tags as Record<string, string> })),
      ).rejects.toMatchObject({ name: "InvalidParameterValueException", message: expect.stringMatching(message) });
    await expect(t.lambda.send(new ListTagsCommand({ Resource: `${arnOf(name)}:1` }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      t.lambda.send(new ListTagsCommand({ Resource: "arn:aws:sqs:us-east-1:000000000000:queue" })),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(t.lambda.send(new ListTagsCommand({ Resource: arnOf("no-such-fn") }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(create({ "aws:x": "1" })).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });

  it("are replaced as a whole by the console, audited, and filter the functions list", async () => {
    const ctx = t.srv.platform.services;
    const team = `team-${process.pid}-${Date.now().toString(36)}`;
    const a = await create({ team, stage: "prod" });
    const b = await create({ team, stage: "dev" });
    await create({ stage: "prod" });
    expect(await replaceTags(ctx, b, { team, owner: "ana" })).toEqual({ team, owner: "ana" });
    const listed = await t.lambda.send(new ListTagsCommand({ Resource: arnOf(b) }));
    expect(listed.Tags).toEqual({ team, owner: "ana" });
    const audit = await t.srv.platform.db.pool.query(
      `SELECT details FROM audit_events WHERE resource = $1 AND action = 'function.set-tags'`,
      [b],
    );
    expect(audit.rows[0].details.tags).toEqual({
      stage: { from: "dev", to: null },
      owner: { from: null, to: "ana" },
    });
    await expect(replaceTags(ctx, b, { "aws:x": "1" })).rejects.toThrow(/reserved/);
    const names = async (tag: string) => (await browseFunctions(ctx, { tag, pageSize: 200 })).items.map((f) => f.name);
    expect((await names(`team=${team}`)).sort()).toEqual([a, b].sort());
    expect(await names("team")).toEqual(expect.arrayContaining([a, b]));
    expect(await names(`team=${team}-nope`)).toEqual([]);
    const prodOfTeam = (await browseFunctions(ctx, { tag: "stage=prod", pageSize: 200 })).items.map((f) => f.name);
    expect(prodOfTeam).toContain(a);
    expect(prodOfTeam).not.toContain(b);
  });
});
