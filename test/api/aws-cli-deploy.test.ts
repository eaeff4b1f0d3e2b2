/**
 * A deploy pipeline's whole cycle with the AWS CLI v2 (/usr/bin/aws, unmodified, --endpoint-url):
 * create-function from a zip, update-function-code --publish, publish-version, create-alias,
 * update-alias with routing weights, invoke with --qualifier, list-versions-by-function,
 * tag-resource, the reads a deploy tool makes on every plan, delete-function.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testServer, uniqueName, zipOf } from "@/test/server";
import { awsCli } from "@/test/aws-cli";

const t = testServer();
const { aws, fails } = awsCli(() => t.srv.url, "lambda");

describe("the AWS CLI v2 deploy cycle", () => {
  it("publishes versions, routes an alias by weight, invokes by qualifier, tags and deletes", async () => {
    const name = uniqueName("cli-deploy");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nimbus-cli-deploy-"));
    const zip = (tag: string) => {
      const file = path.join(dir, `${tag}.zip`);
      writeFileSync(file, zipOf(`export const handler = async () => ({ tag: "${tag}", at: "${name}" });`));
      return `fileb://${file}`;
    };
    const created = await aws(
      "create-function",
      ...["--function-name", name, "--runtime", "nodejs20.x", "--handler", "index.handler"],
      ...["--role", "arn:aws:iam::000000000000:role/deploy", "--zip-file", zip("one"), "--publish"],
      ...["--tags", "team=payments,stage=prod"],
    );
    expect(created).toMatchObject({ FunctionName: name, Version: "1" });
    const updated = await aws("update-function-code", "--function-name", name, "--zip-file", zip("two"), "--publish");
    expect(updated).toMatchObject({ Version: "2" });
    // Nothing changed since version 2: publishing again gives version 2 back.
    expect(await aws("publish-version", "--function-name", name, "--description", "again")).toMatchObject({
      Version: "2",
    });
    await aws("update-function-code", "--function-name", name, "--zip-file", zip("three"));
    expect(await aws("publish-version", "--function-name", name, "--description", "third")).toMatchObject({
      Version: "3",
      Description: "third",
    });

    const alias = await aws("create-alias", "--function-name", name, "--name", "prod", "--function-version", "2");
    expect(alias).toMatchObject({ Name: "prod", FunctionVersion: "2", AliasArn: expect.stringMatching(/:prod$/) });
    const routed = await aws(
      "update-alias",
      ...["--function-name", name, "--name", "prod", "--function-version", "2"],
      ...["--routing-config", "AdditionalVersionWeights={3=0.1}"],
    );
    expect(routed).toMatchObject({ RoutingConfig: { AdditionalVersionWeights: { "3": 0.1 } } });

    const out = path.join(dir, "out.json");
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const r = await aws("invoke", "--function-name", name, "--qualifier", "1", out);
      expect(r).toMatchObject({ StatusCode: 200, ExecutedVersion: "1" });
      expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({ tag: "one", at: name });
    }
    // Each CLI call starts Python (about half a second): a few calls check the header, the SDK tests the split.
    for (let i = 0; i < 6; i++) {
      const r = await aws("invoke", "--function-name", name, "--qualifier", "prod", out);
      seen.add(String(r?.ExecutedVersion));
    }
    expect([...seen].every((v) => v === "2" || v === "3")).toBe(true);

    const versions = await aws("list-versions-by-function", "--function-name", name);
    expect((versions!.Versions as { Version: string }[]).map((v) => v.Version)).toEqual(["$LATEST", "1", "2", "3"]);
    const aliases = await aws("list-aliases", "--function-name", name);
    expect((aliases!.Aliases as { Name: string }[]).map((a) => a.Name)).toEqual(["prod"]);

    // With --publish, create-function answers for version 1 (a qualified ARN), as Lambda does.
    expect(created?.FunctionArn).toMatch(/:1$/);
    const arn = String(created?.FunctionArn).replace(/:1$/, "");
    await aws("tag-resource", "--resource", arn, "--tags", "owner=ana");
    expect(await aws("list-tags", "--resource", arn)).toEqual({
      Tags: { team: "payments", stage: "prod", owner: "ana" },
    });
    expect(await aws("get-function-code-signing-config", "--function-name", name)).toMatchObject({
      FunctionName: name,
    });
    expect(await aws("get-function", "--function-name", name, "--qualifier", "prod")).toMatchObject({
      Configuration: { Version: "2" },
      Tags: { owner: "ana" },
    });

    // A version an alias uses cannot go; the alias first, then the whole function.
    expect(await fails("delete-function", "--function-name", name, "--qualifier", "2")).toContain(
      "ResourceConflictException",
    );
    await aws("delete-alias", "--function-name", name, "--name", "prod");
    await aws("delete-function", "--function-name", name, "--qualifier", "2");
    await aws("delete-function", "--function-name", name);
    expect(await fails("get-function", "--function-name", name)).toContain("ResourceNotFoundException");
  }, 180_000);
});
