/**
 * The server's stdout and stderr go away (the reader died): it keeps serving, writes its output
 * to $NIMBUS_DATA_DIR/nimbus.log, stops on SIGTERM as usual; and its embedded PostgreSQL never
 * outlives it, even when the server is SIGKILLed.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { freePort } from "@/lib/db/embedded";
import { lambdaClient, uniqueName, zipOf } from "@/test/server";
import { spawnServer, waitForHealth } from "@/test/process/spawn";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const dataDirOf = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "nimbus-pipe-"));
  chmodSync(d, 0o755);
  return d;
};
const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

describe("the server and its output", () => {
  it("keeps serving when its stdout and stderr readers go away, and still stops cleanly", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = dataDirOf();
    const proc = spawnServer({ PORT: String(port), NIMBUS_DATA_DIR: dataDir });
    await waitForHealth(url, 60_000);
    const pgPid = postmasterPid(dataDir);
    // The reader goes away: both pipes are closed on our side.
    proc.child.stdout!.destroy();
    proc.child.stderr!.destroy();
    const lambda = lambdaClient(url);
    const name = uniqueName("pipe");
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: "r",
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(`export const handler = async () => 7;`) },
      }),
    );
    for (let i = 0; i < 5; i++)
      expect(new TextDecoder().decode((await lambda.send(new InvokeCommand({ FunctionName: name }))).Payload)).toBe(
        "7",
      );
    proc.child.kill("SIGTERM");
    const exit = await proc.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const logFile = path.join(dataDir, "nimbus.log");
    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, "utf8");
    expect(log).toMatch(/\[nimbus\] stdout\/stderr closed \(EPIPE\)/);
    expect(log).toContain("[nimbus] stopped");
    expect(alive(pgPid)).toBe(false);
  }, 120_000);

  it("its embedded PostgreSQL stops when the server is SIGKILLed", async () => {
    const port = await freePort();
    const dataDir = dataDirOf();
    const proc = spawnServer({ PORT: String(port), NIMBUS_DATA_DIR: dataDir });
    await waitForHealth(`http://127.0.0.1:${port}`, 60_000);
    const pgPid = postmasterPid(dataDir);
    expect(alive(pgPid)).toBe(true);
    proc.child.kill("SIGKILL");
    await proc.exited;
    await expect.poll(() => alive(pgPid), { timeout: 15_000, interval: 100 }).toBe(false);
  }, 120_000);
});
