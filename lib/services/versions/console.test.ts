/**
 * The console's view of versions against real PostgreSQL: who published each, $LATEST first and
 * the rest newest first, whether $LATEST is published, and a version's files for the diff.
 */
import { describe, expect, it } from "vitest";
import { DeleteFunctionCommand, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { zipFiles } from "@/lib/code/package";
import { withActor } from "@/lib/services/context";
import { updateFunctionConfiguration } from "@/lib/services/functions";
import { browseVersions, deleteFunctionVersion, getVersionFiles, publishVersion } from "@/lib/services/versions";
import { deployFunction, testServer, TEST_ROOT_ACCESS_KEY_ID } from "@/test/server";

const t = testServer();
const alice = () => withActor(t.srv.platform.services, { type: "console-user", id: "alice" });
const viaKey = () => withActor(t.srv.platform.services, { type: "access-key", id: "AKIAEXAMPLE0000000001" });
const source = (tag: string) => `// ${process.pid} ${tag}\nexport const handler = async () => "${tag}";\n`;

describe("versions in the console", () => {
  it("lists $LATEST then newest first, with who published each and whether $LATEST is published", async () => {
    const name = await deployFunction(t.lambda, source("one"), { memory: 128 });
    const empty = await browseVersions(alice(), name);
    expect(empty).toMatchObject({ total: 0, latestPublishedAs: null });
    expect(empty.items.map((v) => [v.version, v.createdBy])).toEqual([
      ["$LATEST", `access-key:${TEST_ROOT_ACCESS_KEY_ID}`],
    ]);

    const v1 = await publishVersion(alice(), name, { description: "first" });
    expect(v1).toMatchObject({ created: true, version: { version: "1", description: "first" } });
    expect((await browseVersions(alice(), name)).latestPublishedAs).toBe("1");
    // Nothing changed: no new version, and the answer names the one $LATEST equals.
    expect(await publishVersion(alice(), name)).toMatchObject({ created: false, version: { version: "1" } });

    await updateFunctionConfiguration(alice(), name, { memoryMb: 256 });
    const changed = await browseVersions(alice(), name);
    expect(changed.latestPublishedAs).toBeNull();
    expect(changed.items[0]).toMatchObject({ version: "$LATEST", memoryMb: 256, createdBy: "console-user:alice" });

    await publishVersion(viaKey(), name, { description: "second" });
    const listed = await browseVersions(alice(), name);
    expect(listed).toMatchObject({ total: 2, latestPublishedAs: "2" });
    expect(listed.items.map((v) => [v.version, v.description, v.memoryMb, v.createdBy])).toEqual([
      ["$LATEST", "", 256, "console-user:alice"],
      ["2", "second", 256, "access-key:AKIAEXAMPLE0000000001"],
      ["1", "first", 128, "console-user:alice"],
    ]);
    expect(listed.items[2]!.createdAt.getTime()).toBeLessThanOrEqual(listed.items[1]!.createdAt.getTime());
    // Nothing sealed leaves on a row, and the list can be capped.
    expect(Object.getOwnPropertySymbols(listed.items[1]!)).toEqual([]);
    const capped = await browseVersions(alice(), name, { limit: 1 });
    expect(capped.items.map((v) => v.version)).toEqual(["$LATEST", "2"]);
    expect(capped.total).toBe(2);
    await expect(browseVersions(alice(), name, { limit: 0 })).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });

    await deleteFunctionVersion(alice(), name, "2");
    const after = await browseVersions(alice(), name);
    expect(after.items.map((v) => v.version)).toEqual(["$LATEST", "1"]);
    // The newest number is gone: publishing now would create version 3, so $LATEST is unpublished.
    expect(after.latestPublishedAs).toBeNull();
    await expect(deleteFunctionVersion(alice(), name, "$LATEST")).rejects.toMatchObject({
      code: "InvalidParameterValueException",
      message: "$LATEST version cannot be deleted without deleting the function.",
    });
    await expect(browseVersions(alice(), `${name}-missing`)).rejects.toMatchObject({
      code: "ResourceNotFoundException",
    });
  });

  it("$LATEST's author counts only the events of the function now under that name", async () => {
    const name = await deployFunction(t.lambda, source("old"));
    await updateFunctionConfiguration(alice(), name, { timeoutSec: 9 });
    expect((await browseVersions(alice(), name)).items[0]!.createdBy).toBe("console-user:alice");
    await t.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    await deployFunction(t.lambda, source("new"), { name });
    expect((await browseVersions(alice(), name)).items[0]!.createdBy).toBe(`access-key:${TEST_ROOT_ACCESS_KEY_ID}`);
  });

  it("a version's files: sorted, hashed, text when it is text, binary named; bad qualifiers refused", async () => {
    const name = await deployFunction(t.lambda, source("files-1"));
    await publishVersion(alice(), name);
    const zip = zipFiles({
      "index.mjs": source("files-2"),
      "lib/util.mjs": "export const x = 1;\n",
      "a.bin": new Uint8Array([0x89, 0x50, 0x00, 0x01]),
      "latin1.txt": new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
    });
    await t.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
    await publishVersion(alice(), name);

    const v1 = await getVersionFiles(alice(), name, "1");
    expect(v1.version).toBe("1");
    expect(v1.files).toEqual([
      {
        path: "index.mjs",
        size: source("files-1").length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        text: source("files-1"),
      },
    ]);
    const v2 = await getVersionFiles(alice(), name, "2");
    expect(v2.files.map((f) => [f.path, f.text === null ? f.omitted : "text"])).toEqual([
      ["a.bin", "binary"],
      ["index.mjs", "text"],
      ["latin1.txt", "binary"],
      ["lib/util.mjs", "text"],
    ]);
    const latest = await getVersionFiles(alice(), name, "$LATEST");
    expect(latest).toMatchObject({ version: "$LATEST", codeSha256: v2.codeSha256 });
    expect(latest.files.map((f) => f.sha256)).toEqual(v2.files.map((f) => f.sha256));
    expect(v1.files[0]!.sha256).not.toBe(v2.files[1]!.sha256);

    await expect(getVersionFiles(alice(), name, "prod")).rejects.toMatchObject({
      code: "InvalidParameterValueException",
    });
    await expect(getVersionFiles(alice(), name, "7")).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    await deleteFunctionVersion(alice(), name, "1");
    await expect(getVersionFiles(alice(), name, "1")).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });
});
