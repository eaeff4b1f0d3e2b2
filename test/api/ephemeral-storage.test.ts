import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { dec, testServer, uniqueName, zipOf } from "@/test/server";

const t = testServer();

// Writes MB megabytes into /tmp and says how far it got.
const FILL = `import fs from "node:fs"; export const handler = async (e) => { const chunk = Buffer.alloc(1 << 20, 1); const fd = fs.openSync("/tmp/fill", "w"); let mb = 0; try { for (; mb < e.mb; mb++) fs.writeSync(fd, chunk); } catch (err) { return { mb, code: err.code }; } finally { fs.closeSync(fd); fs.rmSync("/tmp/fill"); } return { mb }; };`;

describe("ephemeral storage (/tmp size)", () => {
  it("is Lambda's EphemeralStorage: 512 MB by default, settable, validated, and enforced in the sandbox", {
    timeout: 60_000,
  }, async () => {
    const name = uniqueName("tmp");
    const created = await t.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Timeout: 30,
        Code: { ZipFile: zipOf(FILL) },
      }),
    );
    expect(created.EphemeralStorage).toEqual({ Size: 512 });
    await expect(
      t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, EphemeralStorage: { Size: 100 } })),
    ).rejects.toThrow("Ephemeral storage must be between 512 and 10240 MB");

    const bwrap = t.srv.platform.executor.stats().isolation.layers.some((l) => l.startsWith("bubblewrap"));
    const small = dec(
      (await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ mb: 600 }) }))).Payload,
    );
    if (bwrap) expect(small).toEqual({ mb: expect.any(Number), code: "ENOSPC" });
    if (bwrap) expect(small.mb).toBeLessThanOrEqual(512);

    await t.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, EphemeralStorage: { Size: 1024 } }),
    );
    expect((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).EphemeralStorage).toEqual(
      { Size: 1024 },
    );
    const big = dec(
      (await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ mb: 600 }) }))).Payload,
    );
    expect(big).toEqual({ mb: 600 });
  });
});
