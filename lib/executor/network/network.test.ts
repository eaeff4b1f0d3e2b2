import { describe, expect, it } from "vitest";
import { allowEntryProblem, egressKey, nameAllowed } from "@/lib/executor/network/allow";
import { answer, answerAddresses, RCODE, readQuery, TYPE_A, TYPE_AAAA } from "@/lib/executor/network/dns-wire";
import { deniedRangeOf, normalizeAddress } from "@/lib/executor/network/ranges";
import { ConnectionLedger, type EgressContext, judge } from "@/lib/executor/network/records";
import { nameservers, parseHosts } from "@/lib/executor/network/resolver";
import { allowAddresses, sandboxRuleset } from "@/lib/executor/network/ruleset";

function query(name: string, type: number, id = 0x1234): Buffer {
  const labels = name.split(".").map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  const head = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([head, ...labels, Buffer.from([0, type >> 8, type & 0xff, 0, 1])]);
}

const ctx = (over: Partial<EgressContext> = {}): EgressContext => ({
  egress: { mode: "internet", allow: [] },
  networked: true,
  noNetwork: "no outbound network",
  opened: new Set(),
  hostAddresses: () => new Set(["192.0.2.2"]),
  databaseAddresses: new Set(["203.0.113.9"]),
  ...over,
});

describe("denied ranges", () => {
  it("names every always-denied kind of address", () => {
    expect(deniedRangeOf("127.0.0.1")).toBe("loopback address");
    expect(deniedRangeOf("::1")).toBe("loopback address");
    expect(deniedRangeOf("10.1.2.3")).toBe("private address");
    expect(deniedRangeOf("172.31.0.1")).toBe("private address");
    expect(deniedRangeOf("192.168.1.1")).toBe("private address");
    expect(deniedRangeOf("fd12::1")).toBe("private address");
    expect(deniedRangeOf("100.100.100.200")).toBe("carrier-grade NAT address");
    expect(deniedRangeOf("169.254.169.254")).toBe("link-local or metadata address");
    expect(deniedRangeOf("fd00:ec2::254")).toBe("link-local or metadata address");
    expect(deniedRangeOf("fe80::1%eth0")).toBe("link-local or metadata address");
    expect(deniedRangeOf("0.0.0.0")).toBe("unspecified address");
    expect(deniedRangeOf("224.0.0.251")).toBe("multicast address");
    expect(deniedRangeOf("ff02::1")).toBe("multicast address");
    expect(deniedRangeOf("::ffff:127.0.0.1")).toBe("loopback address");
    expect(deniedRangeOf("64:ff9b::a00:1")).toBe("NAT64 address");
  });

  it("lets public addresses through, IPv4 ones not mistaken for mapped IPv6", () => {
    for (const a of ["8.8.8.8", "198.51.100.7", "2001:db8::1", "2606:4700::1111"]) expect(deniedRangeOf(a)).toBeNull();
  });

  it("spells an address one way", () => {
    expect(normalizeAddress("[FD00:0:0:0:0:0:0:2]")).toBe("fd00::2");
    expect(normalizeAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
  });
});

describe("allow lists", () => {
  it("accepts names, patterns and addresses; refuses the rest", () => {
    for (const ok of ["api.example.com", "*.example.com", "EXAMPLE.com.", "203.0.113.5", "2001:db8::5"])
      expect(allowEntryProblem(ok)).toBeNull();
    for (const bad of ["", "exa mple.com", "*.com", "-x.example.com", "http://example.com", "a".repeat(254)])
      expect(allowEntryProblem(bad)).not.toBeNull();
  });

  it("matches a pattern below its domain, not the domain itself", () => {
    expect(nameAllowed("a.b.example.com", ["*.example.com"])).toBe(true);
    expect(nameAllowed("example.com", ["*.example.com"])).toBe(false);
    expect(nameAllowed("notexample.com", ["*.example.com"])).toBe(false);
    expect(nameAllowed("API.example.com.", ["api.example.com"])).toBe(true);
  });

  it("gives one key to the same setting however it is written", () => {
    expect(egressKey({ mode: "allow-list", allow: ["B.com", "a.com"] })).toBe(
      egressKey({ mode: "allow-list", allow: ["a.com", "b.com", "a.com"] }),
    );
    expect(egressKey(undefined)).toBe("internet");
  });
});

describe("DNS wire format", () => {
  it("answers a question from a table, and reads addresses back", () => {
    const q = readQuery(query("svc.nimbus.test", TYPE_A));
    expect(q).toMatchObject({ id: 0x1234, name: "svc.nimbus.test", type: TYPE_A });
    const reply = answer(q!, RCODE.NOERROR, ["198.51.100.7", "2001:db8::7"]);
    expect(answerAddresses(reply)).toEqual({ id: 0x1234, rcode: 0, addresses: ["198.51.100.7"] });
    const six = answer(readQuery(query("svc.nimbus.test", TYPE_AAAA))!, RCODE.NOERROR, ["2001:db8::7"]);
    expect(answerAddresses(six)?.addresses.map(normalizeAddress)).toEqual(["2001:db8::7"]);
  });

  it("refuses what is not a plain query, and never reads past the end", () => {
    expect(readQuery(Buffer.alloc(5))).toBeNull();
    const q = query("a.b", TYPE_A);
    expect(readQuery(q.subarray(0, q.length - 3))).toBeNull();
    const compressed = Buffer.from(q);
    compressed[12] = 0xc0;
    expect(readQuery(compressed)).toBeNull();
    const reply = answer(readQuery(q)!, RCODE.NOERROR, ["1.2.3.4"]);
    expect(answerAddresses(reply.subarray(0, reply.length - 2))).toBeNull();
  });

  it("reads hosts files and resolv.conf", () => {
    expect(parseHosts("198.51.100.7 Svc.Nimbus.Test alias # c\nbad line\n::1 six")).toEqual(
      new Map([
        ["svc.nimbus.test", ["198.51.100.7"]],
        ["alias", ["198.51.100.7"]],
        ["six", ["::1"]],
      ]),
    );
    expect(nameservers("# x\nnameserver 10.0.0.2\nnameserver fe80::1%eth0\nsearch x")).toEqual(["10.0.0.2", "fe80::1"]);
  });
});

describe("nftables rules", () => {
  it("rejects the denied ranges and the host's addresses; allow-list mode rejects the rest", () => {
    const rules = sandboxRuleset({
      extraDeny: ["192.0.2.2", "fd00::2"],
      allowList: true,
      allowAddresses: ["203.0.113.5"],
    });
    expect(rules).toContain("10.0.0.0/8");
    expect(rules).toContain("169.254.0.0/16");
    expect(rules).toContain("192.0.2.2");
    expect(rules).toContain("fd00::2");
    expect(rules).toContain("reject with tcp reset");
    expect(rules).toContain("elements = { 203.0.113.5 }");
    expect(rules).not.toMatch(/\bdrop\b/); // a dropped SYN would hang the function
    expect(sandboxRuleset({ extraDeny: [], allowList: false })).not.toContain("ip daddr @allow4 accept");
    expect(allowAddresses(["198.51.100.7", "2001:db8::7"])).toBe(
      "add element inet nimbus allow4 { 198.51.100.7 }\nadd element inet nimbus allow6 { 2001:db8::7 }\n",
    );
  });
});

describe("judging connections", () => {
  const r = (host: string, address: string | null, error: string | null = null) => ({ host, address, error });

  it("denies what the filter refuses, with the reason", () => {
    expect(judge(r("10.0.0.5", "10.0.0.5", "ECONNREFUSED"), ctx())).toEqual({
      allowed: false,
      reason: "private address",
    });
    expect(judge(r("db", "203.0.113.9", "ECONNREFUSED"), ctx())?.reason).toBe("the database's host");
    expect(judge(r("192.0.2.2", "192.0.2.2", "ECONNREFUSED"), ctx())?.reason).toBe("address of this host");
    expect(judge(r("x.test", "127.0.0.1", "ECONNREFUSED"), ctx())?.reason).toBe("loopback address");
  });

  it("leaves the sandbox's own loopback out, and records allowed ones with their error", () => {
    expect(judge(r("localhost", "127.0.0.1"), ctx())).toBeNull();
    expect(judge(r("a.test", "198.51.100.7"), ctx())).toEqual({ allowed: true, reason: null });
    expect(judge(r("a.test", null, "ENOTFOUND"), ctx())).toEqual({ allowed: true, reason: "ENOTFOUND" });
  });

  it("knows what allow-list and none modes let through", () => {
    const list = ctx({ egress: { mode: "allow-list", allow: ["a.test"] }, opened: new Set(["198.51.100.7"]) });
    expect(judge(r("a.test", "198.51.100.7"), list)?.allowed).toBe(true);
    expect(judge(r("198.51.100.8", "198.51.100.8", "ECONNREFUSED"), list)?.reason).toBe("not in the allow list");
    expect(judge(r("b.test", null, "ENOTFOUND"), list)?.reason).toBe("not in the allow list");
    const none = ctx({ egress: { mode: "none", allow: [] } });
    expect(judge(r("a.test", null, "EAI_AGAIN"), none)).toEqual({ allowed: false, reason: "no outbound network" });
  });

  it("checks and bounds what an instance reports, and words the denied ones", () => {
    const ledger = new ConnectionLedger();
    const lines = ledger.admit(
      [
        { ts: 1, host: "10.0.0.5", address: "10.0.0.5", port: 5432, error: "ECONNREFUSED", durationMs: 2 },
        { host: "a\u0000b.test", address: "not an ip", port: 443, bytesOut: -5, protocol: "tls" },
        "junk",
        { host: 7, port: 1 },
      ],
      ctx(),
    );
    expect(lines.map((l) => l.message)).toEqual(["[network] connect 10.0.0.5:5432 denied: private address"]);
    expect(ledger.records).toHaveLength(2);
    expect(ledger.records[1]).toMatchObject({ host: "ab.test", address: null, bytesOut: 0, protocol: "tls" });
    ledger.admit(
      Array.from({ length: 150 }, () => ({ host: "198.51.100.7", port: 80 })),
      ctx(),
    );
    expect(ledger.records).toHaveLength(100);
    expect(ledger.summaryLine()?.message).toMatch(/52 more connection\(s\) were not recorded/);
  });
});
