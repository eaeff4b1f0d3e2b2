/**
 * EventInvokeConfig per qualifier, as on Lambda: an alias (or version) has async settings of its
 * own, an event invoked through it follows them, and the destination record names the alias and
 * the version that ran.
 */
import { describe, expect, it } from "vitest";
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  ListFunctionEventInvokeConfigsCommand,
  PublishVersionCommand,
  PutFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, enc, testServer } from "@/test/server";

const t = testServer({ NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: "1,1" });
const poll = { timeout: 30_000, interval: 200 };

describe("asynchronous settings per qualifier", () => {
  it("apply to events invoked through that alias, and go with it", async () => {
    const dest = await deployFunction(
      t.lambda,
      `export const handler = async (r) => { console.log("DESTINATION " + JSON.stringify(r)); return null; };`,
    );
    const name = await deployFunction(t.lambda, `export const handler = async () => { throw new Error("no"); };`);
    await t.lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await t.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }));
    // $LATEST keeps Lambda's two retries; the alias has none and a failure destination.
    const put = await t.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: name,
        Qualifier: "live",
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: dest } },
      }),
    );
    expect(put.FunctionArn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${name}:live`);
    await expect(t.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      t.lambda.send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "nope", MaximumRetryAttempts: 1 }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await t.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: name, MaximumRetryAttempts: 1 }));
    const listed = await t.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: name }));
    expect(
      listed.FunctionEventInvokeConfigs?.map((c) => [c.FunctionArn?.split(":").at(-1), c.MaximumRetryAttempts]),
    ).toEqual([
      ["$LATEST", 1],
      ["live", 0],
    ]);

    const r = await t.lambda.send(
      new InvokeCommand({ FunctionName: `${name}:live`, InvocationType: "Event", Payload: enc({ n: 1 }) }),
    );
    const destId = (await t.srv.platform.resolver.get(dest))!.record.id;
    const record = async () => {
      await t.srv.platform.writer.flush();
      const rows = await t.srv.platform.db.pool.query(
        `SELECT message FROM log_lines WHERE "functionId" = $1 AND message LIKE 'DESTINATION %'`,
        [destId],
      );
      return rows.rows[0] ? JSON.parse(rows.rows[0].message.slice("DESTINATION ".length)) : null;
    };
    await expect.poll(record, poll).toMatchObject({
      requestContext: {
        requestId: r.$metadata.requestId,
        condition: "RetriesExhausted",
        approximateInvokeCount: 1, // the alias's settings: no retries
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}:live`,
      },
      responseContext: { executedVersion: "1", functionError: "Unhandled" },
    });
    const ran = await t.srv.platform.db.pool.query(`SELECT version FROM invocations WHERE "requestId" = $1`, [
      r.$metadata.requestId,
    ]);
    expect(ran.rows).toEqual([{ version: "1" }]);

    await t.lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: "live" }));
    const after = await t.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: name }));
    expect(after.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn?.split(":").at(-1))).toEqual(["$LATEST"]);
  });
});
