/** The AWS CLI v2 (Debian's awscli, /usr/bin/aws) against a test server: unmodified, only --endpoint-url. */
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { expect } from "vitest";
import { TEST_ROOT_ACCESS_KEY_ID, TEST_ROOT_SECRET_ACCESS_KEY } from "@/test/server";

export const AWS_CLI = process.env.NIMBUS_AWS_CLI ?? "/usr/bin/aws";
const run = promisify(execFile);

/**
 * `aws <service> …` as a user's shell would run it, with the root test key and no config files;
 * resolves to the parsed JSON output (or null when there is none).
 */
export function awsCli(endpoint: () => string, service: string) {
  const aws = async (...args: string[]): Promise<Record<string, unknown> | null> => {
    const { stdout } = await run(AWS_CLI, [service, ...args, "--endpoint-url", endpoint(), "--output", "json"], {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: os.tmpdir(),
        AWS_ACCESS_KEY_ID: TEST_ROOT_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: TEST_ROOT_SECRET_ACCESS_KEY,
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_PAGER: "",
        AWS_EC2_METADATA_DISABLED: "true",
      },
    });
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : null;
  };
  /** The CLI's failure: what it printed on stderr (the exit code is checked to be non-zero). */
  const fails = async (...args: string[]): Promise<string> => {
    const err = await aws(...args).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(err, `aws ${service} ${args.join(" ")} should fail`).not.toBeNull();
    expect(err!.code).toBeGreaterThan(0);
    return err!.stderr ?? "";
  };
  return { aws, fails };
}
