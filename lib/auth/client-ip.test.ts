import { describe, expect, it } from "vitest";
import { clientIpOf } from "@/lib/auth/client-ip";

describe("clientIpOf", () => {
  const proxies = new Set(["127.0.0.1", "10.0.0.2"]);
  it("uses the socket peer unless it is a trusted proxy", () => {
    expect(clientIpOf("203.0.113.5", "198.51.100.1", proxies)).toBe("203.0.113.5");
    expect(clientIpOf("::ffff:127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
    expect(clientIpOf("127.0.0.1", "198.51.100.1", new Set())).toBe("127.0.0.1");
  });
  it("behind trusted proxies takes the nearest untrusted hop, never a client-written one", () => {
    expect(clientIpOf("127.0.0.1", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientIpOf("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", proxies)).toBe("198.51.100.1");
    expect(clientIpOf("127.0.0.1", ["6.6.6.6", "198.51.100.1"], proxies)).toBe("198.51.100.1");
    expect(clientIpOf("127.0.0.1", "not-an-ip", proxies)).toBe("127.0.0.1");
  });
});
