/** GET /api/system: what this server runs user code with, as the console's badge shows it. */
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/system/route";
import { startTestServer, testServer } from "@/test/server";

const t = testServer();

describe("/api/system", () => {
  it("reports the isolation, the runtime and the outbound network in force", async () => {
    const res = await GET(new Request("http://localhost/api/system"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      isolation: { level: string; network: unknown };
      runtime: string;
      network: { mode: string; reason: string; egressModes: string[] };
    };
    const stats = t.srv.platform.executor.stats();
    expect(body.runtime).toBe(stats.runtime);
    expect(body.isolation.level).toBe(stats.isolation.level);
    expect(body.network).toEqual(stats.network);
    expect(body.network.mode).toMatch(/^(internet \(filtered\)|HTTP only|none|host \(unfiltered\))$/);
    expect(body.network.reason.length).toBeGreaterThan(0);
  });

  it("says none when NIMBUS_SANDBOX_NETWORK=none turns sandbox network off for the server", async () => {
    const off = await startTestServer({ NIMBUS_SANDBOX_NETWORK: "none" });
    try {
      expect(off.platform.executor.stats().network.mode).toBe("none");
    } finally {
      await off.close();
    }
  });
});
