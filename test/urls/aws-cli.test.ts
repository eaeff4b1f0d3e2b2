/**
 * The AWS CLI v2 (Debian's awscli, /usr/bin/aws) scripts a function URL end to end against Nimbus:
 * create the function, its URL and public-access permission, read the policy, call the URL,
 * make it signed, list, remove the permission, delete. The CLI is unmodified; only --endpoint-url.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testServer, uniqueName, zipOf } from "@/test/server";
import { awsCli } from "@/test/aws-cli";
import { httpRequest, urlParts } from "@/test/urls/helpers";

const t = testServer();
const { aws, fails: awsFails } = awsCli(() => t.srv.url, "lambda");

describe("the AWS CLI v2", () => {
  it("creates, reads, changes and deletes a function URL and its public permission", async () => {
    const name = uniqueName("cli-url");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-cli-"));
    const zip = path.join(dir, "fn.zip");
    writeFileSync(zip, zipOf(`export const handler = async (e) => ({ statusCode: 201, body: "hi " + e.rawPath });`));
    const fn = await aws(
      "create-function",
      "--function-name",
      name,
      "--runtime",
      "nodejs20.x",
      "--handler",
      "index.handler",
      "--role",
      "arn:aws:iam::000000000000:role/r",
      "--zip-file",
      `fileb://${zip}`,
    );
    expect(fn).toMatchObject({ FunctionName: name });

    const created = await aws(
      "create-function-url-config",
      "--function-name",
      name,
      "--auth-type",
      "NONE",
      "--cors",
      "AllowOrigins=https://app.example,MaxAge=300",
    );
    expect(created).toMatchObject({
      FunctionUrl: expect.stringMatching(/^http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:\d+\/$/),
      AuthType: "NONE",
      Cors: { AllowOrigins: ["https://app.example"], MaxAge: 300 },
    });
    const { host } = urlParts(created!.FunctionUrl as string);

    // AuthType NONE alone lets no one in: the policy must allow it, as on AWS.
    expect((await httpRequest(t.srv.port, { host, target: "/x" })).status).toBe(403);
    const added = await aws(
      "add-permission",
      "--function-name",
      name,
      "--statement-id",
      "FunctionURLAllowPublicAccess",
      "--action",
      "lambda:InvokeFunctionUrl",
      "--principal",
      "*",
      "--function-url-auth-type",
      "NONE",
    );
    expect(JSON.parse(added!.Statement as string)).toMatchObject({
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow",
      Principal: "*",
      Action: "lambda:InvokeFunctionUrl",
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
    });
    const policy = await aws("get-policy", "--function-name", name);
    expect(JSON.parse(policy!.Policy as string).Statement).toHaveLength(1);
    expect(policy!.RevisionId).toEqual(expect.any(String));

    const answer = await httpRequest(t.srv.port, { host, target: "/from-cli" });
    expect(answer).toMatchObject({ status: 201, body: "hi /from-cli" });

    // Signed only: the unsigned request is refused again.
    const updated = await aws("update-function-url-config", "--function-name", name, "--auth-type", "AWS_IAM");
    expect(updated).toMatchObject({ AuthType: "AWS_IAM", FunctionUrl: created!.FunctionUrl });
    expect((await httpRequest(t.srv.port, { host, target: "/x" })).status).toBe(403);
    expect(await aws("get-function-url-config", "--function-name", name)).toMatchObject({ AuthType: "AWS_IAM" });
    const listed = await aws("list-function-url-configs", "--function-name", name);
    expect(listed!.FunctionUrlConfigs).toEqual([expect.objectContaining({ FunctionUrl: created!.FunctionUrl })]);

    expect(
      await aws("remove-permission", "--function-name", name, "--statement-id", "FunctionURLAllowPublicAccess"),
    ).toBeNull();
    expect(await awsFails("get-policy", "--function-name", name)).toMatch(/ResourceNotFoundException/);
    expect(await aws("delete-function-url-config", "--function-name", name)).toBeNull();
    expect(await awsFails("get-function-url-config", "--function-name", name)).toMatch(/ResourceNotFoundException/);
    // A second URL config for a function that has one is a conflict, named as Lambda names it.
    await aws("create-function-url-config", "--function-name", name, "--auth-type", "NONE");
    expect(await awsFails("create-function-url-config", "--function-name", name, "--auth-type", "NONE")).toMatch(
      /ResourceConflictException/,
    );
  }, 60_000);
});
