import { afterEach, describe, expect, it } from "vitest";
import { configureLogging, createLogger } from "@/lib/log";

describe("the server's log", () => {
  afterEach(() =>
    configureLogging({ level: "info", format: "text", write: (line) => process.stderr.write(`${line}\n`) }),
  );

  it("writes a logger given a sink, and its children, as text lines there, tagged and levelled", () => {
    const lines: string[] = [];
    const log = createLogger(null, (l) => lines.push(l));
    log.info("untagged");
    const db = log.child("db");
    db.warn("the database is unavailable: gone", { requestId: "r-1", note: "two words" });
    db.child("probe").error("failed");
    expect(lines).toEqual([
      "untagged",
      '[db] WARNING: the database is unavailable: gone requestId=r-1 note="two words"',
      "[db.probe] ERROR: failed",
    ]);
  });

  it("honours the process-wide level, and keeps text lines for a sink whatever the process-wide format", () => {
    const sunk: string[] = [];
    const global: string[] = [];
    configureLogging({ level: "warn", format: "json", write: (l) => global.push(l) });
    const log = createLogger("x", (l) => sunk.push(l));
    log.info("dropped");
    log.warn("kept");
    createLogger("y").info("dropped too");
    createLogger("y").error("as json", { n: 1 });
    expect(sunk).toEqual(["[x] WARNING: kept"]);
    expect(global.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: "error", component: "y", msg: "as json", n: 1 }),
    ]);
  });
});
