/**
 * The console's Access keys page hands out ready-to-paste snippets (components/access-keys/snippets.ts):
 * each is run here as printed, in a shell with nothing AWS-related set and Debian's AWS CLI v2 first
 * on PATH, with a real key, against a real server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { configureSnippet, envSnippet } from "@/components/access-keys/snippets";
import { TEST_ROOT_ACCESS_KEY_ID, TEST_ROOT_SECRET_ACCESS_KEY, testServer } from "@/test/server";

const t = testServer();
const run = promisify(execFile);

function shell(script: string) {
  const home = mkdtempSync(path.join(os.tmpdir(), "nimbus-snippet-"));
  return run("/bin/sh", ["-ec", script], {
    cwd: home,
    env: { PATH: "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8" } as unknown as NodeJS.ProcessEnv,
  });
}

describe("the Access keys page's snippets work as printed", () => {
  const key = () => ({
    accessKeyId: TEST_ROOT_ACCESS_KEY_ID,
    secretAccessKey: TEST_ROOT_SECRET_ACCESS_KEY,
    region: "us-east-1",
    endpoint: t.srv.url,
  });

  it("environment variables", async () => {
    const r = await shell(envSnippet(key()));
    expect(JSON.parse(r.stdout)).toHaveProperty("Functions");
  });

  it("a named CLI profile", async () => {
    const r = await shell(configureSnippet(key()));
    expect(JSON.parse(r.stdout)).toHaveProperty("Functions");
  });
});
