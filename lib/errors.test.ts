import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, errorStatus, toAppError } from "@/lib/errors";

describe("error catalog", () => {
  it("maps every code to its status, and docs/api.md lists each with that status", () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, "../docs/api.md"), "utf8");
    for (const [code, status] of Object.entries(errorStatus)) {
      expect(doc).toMatch(new RegExp(`\\| \`${code}\` +\\| ${status}\\b`));
      expect(new AppError(code as keyof typeof errorStatus, "x").status).toBe(status);
    }
  });

  it("turns unknown errors into a generic ServiceException that leaks nothing", () => {
    const { error, unexpected } = toAppError(new Error("password=hunter2 at /srv/secret.ts:12"));
    expect(unexpected).toBe(true);
    expect(error.code).toBe("ServiceException");
    expect(error.message).not.toContain("hunter2");
  });
});
