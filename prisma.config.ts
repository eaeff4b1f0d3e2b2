import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// The native schema engine cannot be downloaded here (binaries.prisma.sh is unreachable), so `prisma migrate`
// runs through a Node stand-in that drives @prisma/schema-engine-wasm with @prisma/adapter-pg.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./scripts/prisma-schema-engine.mjs", import.meta.url),
);

// Prisma 7 reads no .env and env() throws when a variable is unset, so the URL falls back in code.
// The URL only matters for migrate commands; `generate` never connects.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/nimbus" },
});
