import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";
import { updateFunctionConfiguration } from "@/lib/services/functions";
import { listAuditEvents } from "@/lib/services/audit/list";

const t = testServer();
const SECRET = "s3cr3t-value-42";
const source = `export const handler = async (e) => {
  console.log("token is " + process.env.API_TOKEN + " and mode " + process.env.MODE);
  if (e.fail) throw new Error("bad token " + process.env.API_TOKEN);
  return { token: process.env.API_TOKEN, mode: process.env.MODE, pin: process.env.PIN };
};`;

async function invoke(name: string, event: object = {}) {
  const r = await t.lambda.send(
    new InvokeCommand({
      FunctionName: name,
      LogType: "Tail",
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  return {
    body: JSON.parse(new TextDecoder().decode(r.Payload)),
    tail: Buffer.from(r.LogResult ?? "", "base64").toString("utf8"),
    fnError: r.FunctionError,
  };
}

describe("secret environment variables", () => {
  it("are sealed in the database, masked in every response, present in process.env, redacted from logs", async () => {
    const name = uniqueName("secretive");
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(source) },
      }),
    );
    const fn = await updateFunctionConfiguration(t.srv.platform.services, name, {
      environment: { API_TOKEN: SECRET, MODE: "fast", PIN: "12" },
      secretNames: ["API_TOKEN", "PIN"],
    });
    expect(fn.environment).toEqual({ API_TOKEN: "****", MODE: "fast", PIN: "****" });
    expect(JSON.stringify(fn)).not.toContain(SECRET);

    const row = (
      await t.srv.platform.db.pool.query(
        `SELECT environment, "secretNames", "sealedSecrets" FROM functions WHERE name = $1`,
        [name],
      )
    ).rows[0];
    expect(row.environment).toEqual({ MODE: "fast" });
    expect(row.secretNames).toEqual(["API_TOKEN", "PIN"]);
    expect(row.sealedSecrets.subarray(0, 4).toString()).toBe("NBE2");
    expect(row.sealedSecrets.includes(Buffer.from(SECRET))).toBe(false);

    const masked = { API_TOKEN: "****", MODE: "fast", PIN: "****" };
    expect(
      (await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).Environment?.Variables,
    ).toEqual(masked);
    expect(
      (await t.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.Environment?.Variables,
    ).toEqual(masked);
    const listed = (await t.lambda.send(new ListFunctionsCommand({ MaxItems: 10_000 }))).Functions?.find(
      (f) => f.FunctionName === name,
    );
    expect(listed?.Environment?.Variables).toEqual(masked);

    const ok = await invoke(name);
    expect(ok.body).toEqual({ token: SECRET, mode: "fast", pin: "12" });
    expect(ok.tail).toContain("token is **** and mode fast");
    expect(ok.tail).not.toContain(SECRET);
    const failed = await invoke(name, { fail: true });
    expect(failed.fnError).toBe("Unhandled");
    await t.srv.platform.writer.flush();
    const logs = await t.srv.platform.db.pool.query(`SELECT message FROM log_lines WHERE "functionId" = $1`, [fn.id]);
    expect(logs.rows.length).toBeGreaterThanOrEqual(2);
    expect(
      logs.rows.every(
        (l: { message: string }) => l.message.includes("token is ****") || l.message.includes("bad token ****"),
      ),
    ).toBe(true);
    const inv = await t.srv.platform.db.pool.query(
      `SELECT "errorMessage" FROM invocations WHERE "functionId" = $1 AND outcome <> 'Success'`,
      [fn.id],
    );
    expect(inv.rows[0].errorMessage).toContain("bad token ****");
    expect(JSON.stringify(inv.rows)).not.toContain(SECRET);
  });

  it("survive a round trip: saving the masked values keeps them; AWS API updates keep listed names secret", async () => {
    const name = uniqueName("roundtrip");
    await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(source) },
      }),
    );
    await updateFunctionConfiguration(t.srv.platform.services, name, {
      environment: { API_TOKEN: SECRET, MODE: "fast" },
      secretNames: ["API_TOKEN"],
    });

    // What an SDK user does: read the configuration, change one variable, write it all back.
    const got = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        Environment: { Variables: { ...got.Environment!.Variables, MODE: "slow" } },
      }),
    );
    expect((await invoke(name)).body).toEqual({ token: SECRET, mode: "slow" });

    // A new value through the AWS API stays secret (the name is on the function's list).
    const updated = await t.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: name,
        Environment: { Variables: { API_TOKEN: "rotated-token", MODE: "slow" } },
      }),
    );
    expect(updated.Environment?.Variables).toEqual({ API_TOKEN: "****", MODE: "slow" });
    expect((await invoke(name)).body.token).toBe("rotated-token");

    // The console form: unchanged masked value, toggling another variable secret.
    const fn = await updateFunctionConfiguration(t.srv.platform.services, name, {
      environment: { API_TOKEN: "****", MODE: "slow" },
      secretNames: ["API_TOKEN", "MODE"],
    });
    expect(fn.environment).toEqual({ API_TOKEN: "****", MODE: "****" });
    expect((await invoke(name)).body).toEqual({ token: "rotated-token", mode: "slow" });
    await expect(
      updateFunctionConfiguration(t.srv.platform.services, name, { environment: { MODE: "x" }, secretNames: ["NOPE"] }),
    ).rejects.toMatchObject({ code: "InvalidParameterValueException", message: expect.stringContaining("NOPE") });

    const audit = (
      await listAuditEvents(t.srv.platform.services, { resource: name, action: "function.update-configuration" })
    ).items.reverse();
    expect(JSON.stringify(audit)).not.toMatch(/s3cr3t|rotated-token/);
    expect(audit[1]!.details).toMatchObject({ variables: { changed: ["MODE"] } });
    expect(audit[2]!.details).toMatchObject({ variables: { changed: ["API_TOKEN"] } });
    expect(audit[3]!.details).toMatchObject({
      changes: { secretNames: { from: ["API_TOKEN"], to: ["API_TOKEN", "MODE"] } },
    });
  });
});
