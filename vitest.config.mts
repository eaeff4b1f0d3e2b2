import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits up to 1 s by default: too short for work behind a NOTIFY, a poller or a
    // sandbox start on a loaded 2-core CI machine. A poll that passes returns as soon as it does.
    expect: { poll: { timeout: 15_000 } },
    pool: "forks",
    fileParallelism: false,
  },
});
