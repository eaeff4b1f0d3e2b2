import { describe, expect, it } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { readPackage, sha256Base64, zipFiles } from "@/lib/code/package";
import { AppError } from "@/lib/errors";

describe("code packages", () => {
  it("zips deterministically, so the same source has the same CodeSha256", () => {
    const a = zipFiles({ "index.mjs": "export const handler = async () => 1;" });
    const b = zipFiles({ "index.mjs": "export const handler = async () => 1;" });
    expect(sha256Base64(a)).toBe(sha256Base64(b));
    expect(sha256Base64(a)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("round-trips files, skipping directory entries", () => {
    const zip = zipSync({ "src/": new Uint8Array(), "src/app.js": strToU8("x"), "index.js": strToU8("y") });
    const files = readPackage(zip);
    expect(files.map((f) => f.path).sort()).toEqual(["index.js", "src/app.js"]);
  });

  it("refuses garbage, empty archives and path traversal with a clear error", () => {
    expect(() => readPackage(strToU8("not a zip"))).toThrow(/Could not unzip/);
    expect(() => readPackage(new Uint8Array())).toThrow(/empty/);
    const evil = zipSync({ "../../etc/passwd": strToU8("x") });
    try {
      readPackage(evil);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("InvalidParameterValueException");
      expect((e as Error).message).toContain("unsafe path");
    }
  });
});
