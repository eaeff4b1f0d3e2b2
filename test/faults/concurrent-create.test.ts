/**
 * Functions that share a code package are created, updated and deleted concurrently without
 * false conflicts or a package deleted under a function that still uses it.
 */
import { describe, expect, it } from "vitest";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { uniqueName, testServer, zipOf } from "@/test/server";

const t = testServer();

describe("concurrent writers of shared code", () => {
  it("ten CreateFunction calls at once with the same new zip all succeed", async () => {
    const zip = zipOf(`export const handler = async () => "shared ${Date.now()}";`);
    const names = Array.from({ length: 10 }, () => uniqueName("par"));
    const results = await Promise.allSettled(
      names.map((n) =>
        t.lambda.send(
          new CreateFunctionCommand({
            FunctionName: n,
            Role: "r",
            Runtime: "nodejs20.x",
            Handler: "index.handler",
            Code: { ZipFile: zip },
          }),
        ),
      ),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as Error).message))).toEqual(
      names.map(() => "ok"),
    );
    for (const n of names)
      expect((await t.lambda.send(new InvokeCommand({ FunctionName: n }))).FunctionError).toBeUndefined();
    // A real name conflict is still one.
    await expect(
      t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: names[0],
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zip },
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceConflictException", message: `Function already exist: ${names[0]}` });
  });

  it("deleting the last user of a package while another function is created with it keeps the package", async () => {
    for (let round = 0; round < 20; round++) {
      const zip = zipOf(`export const handler = async () => "round ${round} ${Date.now()}";`);
      const first = uniqueName("race");
      await t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: first,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zip },
        }),
      );
      const second = uniqueName("race");
      const other = uniqueName("race");
      await t.lambda.send(
        new CreateFunctionCommand({
          FunctionName: other,
          Role: "r",
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: zipOf(`export const handler = async () => 0;`) },
        }),
      );
      await Promise.all([
        t.lambda.send(new DeleteFunctionCommand({ FunctionName: first })),
        t.lambda.send(
          new CreateFunctionCommand({
            FunctionName: second,
            Role: "r",
            Runtime: "nodejs20.x",
            Handler: "index.handler",
            Code: { ZipFile: zip },
          }),
        ),
        t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: other, ZipFile: zip })),
      ]);
      const pool = t.srv.platform.db.pool;
      const missing = await pool.query(
        `SELECT name FROM functions f WHERE name = ANY($1) AND NOT EXISTS (SELECT 1 FROM code_packages c WHERE c.sha256 = f."codeSha256")`,
        [[second, other]],
      );
      expect(missing.rows).toEqual([]);
    }
  });
});
