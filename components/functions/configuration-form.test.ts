import { describe, expect, it } from "vitest";
import { toRequest, validateConfig, type ConfigDraft } from "@/components/functions/configuration-form";

const base: ConfigDraft = {
  description: "",
  memoryMb: "128",
  ephemeralStorageMb: "512",
  timeoutSec: "3",
  reservedConcurrency: "",
  env: [],
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
      environment: { A: "1" },
      secretNames: [],
      reservedConcurrency: null,
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
});
