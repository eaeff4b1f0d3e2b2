/**
 * Function URL configs and the resource policy through the unmodified AWS SDK: create, read,
 * update, list, delete; AddPermission, GetPolicy, RemovePermission with Lambda's shapes and errors.
 */
import { describe, expect, it } from "vitest";
import {
  AddPermissionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListFunctionUrlConfigsCommand,
  RemovePermissionCommand,
  UpdateFunctionUrlConfigCommand,
} from "@aws-sdk/client-lambda";
import { deployFunction, testServer } from "@/test/server";

const t = testServer();
const deploy = () => deployFunction(t.lambda, `export const handler = async (e) => e;`, { prefix: "url" });

describe("function URL configs", () => {
  it("are created, read, updated, listed and deleted in Lambda's shapes", async () => {
    const name = await deploy();
    const created = await t.lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: name,
        AuthType: "NONE",
        Cors: { AllowOrigins: ["https://app.example"], MaxAge: 60 },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionUrl: expect.stringMatching(/^http:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.localhost:\d+\/$/),
      FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      AuthType: "NONE",
      Cors: { AllowOrigins: ["https://app.example"], MaxAge: 60 },
      InvokeMode: "BUFFERED",
      CreationTime: expect.any(String),
    });
    expect(new URL(created.FunctionUrl!).port).toBe(String(t.srv.port));
    await expect(
      t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE" })),
    ).rejects.toMatchObject({
      name: "ResourceConflictException",
    });
    const got = await t.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
    expect(got).toMatchObject({
      FunctionUrl: created.FunctionUrl,
      AuthType: "NONE",
      LastModifiedTime: expect.any(String),
    });
    const updated = await t.lambda.send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "AWS_IAM", Cors: {} }),
    );
    expect(updated).toMatchObject({ FunctionUrl: created.FunctionUrl, AuthType: "AWS_IAM" });
    expect(updated.Cors).toBeUndefined();
    const listed = await t.lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: name }));
    expect(listed.FunctionUrlConfigs?.map((c) => c.FunctionUrl)).toEqual([created.FunctionUrl]);
    await t.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name }));
    await expect(t.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("refuses bad input with Lambda's errors", async () => {
    const name = await deploy();
    await expect(
      t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "OPEN" as "NONE" })),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringContaining("AuthType must be NONE or AWS_IAM"),
    });
    await expect(
      t.lambda.send(
        new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE", Cors: { MaxAge: 999999 } }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException", message: expect.stringContaining("MaxAge") });
    await expect(
      t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: `${name}-missing`, AuthType: "NONE" })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE", Qualifier: "prod" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("the resource-based policy", () => {
  it("AddPermission, GetPolicy and RemovePermission, with RevisionId and Lambda's statement", async () => {
    const name = await deploy();
    await expect(t.lambda.send(new GetPolicyCommand({ FunctionName: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    const added = await t.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: "FunctionURLAllowPublicAccess",
        Action: "lambda:InvokeFunctionUrl",
        Principal: "*",
        FunctionUrlAuthType: "NONE",
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow",
      Principal: "*",
      Action: "lambda:InvokeFunctionUrl",
      Resource: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
    });
    const policy = await t.lambda.send(new GetPolicyCommand({ FunctionName: name }));
    expect(JSON.parse(policy.Policy!)).toMatchObject({
      Version: "2012-10-17",
      Id: "default",
      Statement: [expect.objectContaining({ Sid: "FunctionURLAllowPublicAccess" })],
    });
    expect(policy.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      t.lambda.send(
        new AddPermissionCommand({
          FunctionName: name,
          StatementId: "FunctionURLAllowPublicAccess",
          Action: "lambda:InvokeFunctionUrl",
          Principal: "*",
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceConflictException" });
    await t.lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: "s3",
        Action: "lambda:InvokeFunction",
        Principal: "s3.amazonaws.com",
        SourceAccount: "123456789012",
      }),
    );
    const two = await t.lambda.send(new GetPolicyCommand({ FunctionName: name }));
    expect(JSON.parse(two.Policy!).Statement[1]).toMatchObject({
      Principal: { Service: "s3.amazonaws.com" },
      Condition: { StringEquals: { "AWS:SourceAccount": "123456789012" } },
    });
    expect(two.RevisionId).not.toBe(policy.RevisionId);
    await expect(
      t.lambda.send(
        new RemovePermissionCommand({ FunctionName: name, StatementId: "s3", RevisionId: policy.RevisionId }),
      ),
    ).rejects.toMatchObject({
      name: "PreconditionFailedException",
      $metadata: { httpStatusCode: 412 },
    });
    await t.lambda.send(
      new RemovePermissionCommand({ FunctionName: name, StatementId: "s3", RevisionId: two.RevisionId }),
    );
    await expect(
      t.lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: "s3" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    // Deleting the function takes its URL and policy with it.
    await t.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: "NONE" }));
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    const left = await t.srv.platform.db.pool.query(
      `SELECT (SELECT count(*) FROM function_urls u JOIN functions f ON f.id = u."functionId" WHERE f.name = $1)::int AS n`,
      [name],
    );
    expect(left.rows[0].n).toBe(0);
  });
});
