import { afterEach, describe, expect, it } from "vitest";
import { route } from "@/lib/http/route";
import { configureLogging } from "@/lib/log";
import { setPlatform } from "@/lib/platform/global";

describe("route", () => {
  afterEach(() => configureLogging({ write: (line) => process.stderr.write(`${line}\n`) }));

  it("answers an unexpected error with a generic 500 whose request id names its log line", async () => {
    const lines: string[] = [];
    configureLogging({ level: "info", format: "text", write: (l) => lines.push(l) });
    setPlatform(undefined); // getPlatform throws a plain Error: unexpected
    const res = await route(async () => ({}))(new Request("http://localhost/api/functions?x=1"), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(500);
    const requestId = res.headers.get("x-nimbus-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(await res.json())).not.toContain("runtime is not started");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[console\] ERROR: unexpected error in a console API request /);
    expect(lines[0]).toContain(`requestId=${requestId}`);
    expect(lines[0]).toContain("path=/api/functions");
  });
});
