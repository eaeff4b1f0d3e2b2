import { defineConfig } from "@playwright/test";

// Used by scripts/bench-console.mjs against a server it started and seeded.
export default defineConfig({
  testDir: ".",
  testMatch: /\.perf\.ts$/,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.CONSOLE_BENCH_URL,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
