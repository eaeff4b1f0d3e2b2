import { describe, expect, it } from "vitest";
import { toRequest, validateConfig, type ConfigDraft } from "@/components/functions/configuration-form";

const base: ConfigDraft = {
  description: "",
  memoryMb: "128",
  ephemeralStorageMb: "512",
  timeoutSec: "3",
  reservedConcurrency: "",
  instanceConcurrency: "1",
  env: [],
  egressMode: "internet",
  egressAllow: "",
};

describe("configuration form rules", () => {
  it("accepts the defaults", () => {
    expect(validateConfig(base)).toEqual({});
  });

  it("names the range next to each field", () => {
    expect(validateConfig({ ...base, timeoutSec: "301" }).timeoutSec).toBe("Timeout must be between 1 and 300 seconds");
    expect(validateConfig({ ...base, timeoutSec: "1.5" }).timeoutSec).toBeDefined();
    expect(validateConfig({ ...base, memoryMb: "64" }).memoryMb).toBe("Memory must be between 128 and 10240 MB");
    expect(validateConfig({ ...base, ephemeralStorageMb: "256" }).ephemeralStorageMb).toBe(
      "Ephemeral storage must be between 512 and 10240 MB",
    );
    expect(validateConfig({ ...base, reservedConcurrency: "-1" }).reservedConcurrency).toBeDefined();
    expect(validateConfig({ ...base, instanceConcurrency: "0" }).instanceConcurrency).toBe(
      "Instance concurrency must be between 1 and 64",
    );
    expect(validateConfig({ ...base, instanceConcurrency: "65" }).instanceConcurrency).toBeDefined();
    expect(validateConfig({ ...base, instanceConcurrency: "8" }).instanceConcurrency).toBeUndefined();
  });

  it("refuses bad, reserved and duplicate variable names", () => {
    expect(validateConfig({ ...base, env: [{ key: "1X", value: "" }] }).env).toMatch(/invalid/);
    expect(validateConfig({ ...base, env: [{ key: "AWS_REGION", value: "x" }] }).env).toMatch(/reserved/);
    expect(
      validateConfig({
        ...base,
        env: [
          { key: "A", value: "1" },
          { key: "A", value: "2" },
        ],
      }).env,
    ).toMatch(/twice/);
  });

  it("builds the request, with an empty reservation meaning unreserved", () => {
    expect(toRequest({ ...base, memoryMb: "256", env: [{ key: "A", value: "1" }] })).toEqual({
      description: "",
      memoryMb: 256,
      ephemeralStorageMb: 512,
      timeoutSec: 3,
      instanceConcurrency: 1,
      environment: { A: "1" },
      secretNames: [],
      reservedConcurrency: null,
      egressMode: "internet",
      egressAllow: [],
    });
    // A secret left as it arrived goes back masked (the server keeps the stored value) and stays secret.
    expect(
      toRequest({
        ...base,
        env: [
          { key: "T", value: "****", secret: true },
          { key: "A", value: "1" },
        ],
      }),
    ).toMatchObject({ environment: { T: "****", A: "1" }, secretNames: ["T"] });
    expect(toRequest({ ...base, reservedConcurrency: "5" }).reservedConcurrency).toBe(5);
  });

  it("checks the outbound allow list like the server, one entry per line", () => {
    const list = (egressAllow: string) => validateConfig({ ...base, egressMode: "allow-list", egressAllow });
    expect(list("api.example.com\n*.example.org\n203.0.113.5")).toEqual({});
    expect(list("http://example.com/").egressAllow).toMatch(/not a host name/);
    expect(list("*.com").egressAllow).toMatch(/too broad/);
    expect(list(Array.from({ length: 51 }, (_, i) => `h${i}.example.com`).join("\n")).egressAllow).toMatch(/50/);
    // Only allow-list mode uses the list.
    expect(validateConfig({ ...base, egressMode: "none", egressAllow: "not valid!" })).toEqual({});
    expect(
      toRequest({ ...base, egressMode: "allow-list", egressAllow: " a.example.com,\n\nb.example.com " }),
    ).toMatchObject({
      egressMode: "allow-list",
      egressAllow: ["a.example.com", "b.example.com"],
    });
  });
});
