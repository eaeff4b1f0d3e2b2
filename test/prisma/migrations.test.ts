import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@/test/server";

const root = path.resolve(import.meta.dirname, "../..");
const prisma = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });

// The Prisma CLI runs here through scripts/prisma-schema-engine.mjs (the wasm schema engine).
describe("migrations", () => {
  it("match schema.prisma exactly (no drift between the hand-checked SQL and the schema)", () => {
    const r = prisma([
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema",
      "prisma/schema.prisma",
      "--exit-code",
    ]);
    expect(r.stdout + r.stderr).toContain("No difference detected");
    expect(r.status).toBe(0);
  }, 60_000);

  it("applied by the server's migrator are what `prisma migrate status` expects", () => {
    const r = prisma(["migrate", "status"]);
    expect(r.stdout).toContain("Database schema is up to date");
    expect(r.status).toBe(0);
  }, 60_000);
});
