import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env and env() throws when a variable is unset, so the URL falls back in code.
// The URL only matters for migrate commands; `generate` never connects.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/nimbus" },
});
