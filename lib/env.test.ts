import { describe, expect, it } from "vitest";
import { parseSettings, SettingsError } from "@/lib/env";

describe("settings", () => {
  it("has defaults for everything", () => {
    const s = parseSettings({});
    expect(s.PORT).toBe(3000);
    expect(s.NIMBUS_MAX_CONCURRENCY).toBe(100);
    expect(s.DATABASE_URL).toBeUndefined();
    expect(s.dataDir).toMatch(/\.data$/);
  });

  it("coerces numbers and treats empty values as unset", () => {
    const s = parseSettings({ PORT: "8080", DATABASE_URL: "" });
    expect(s.PORT).toBe(8080);
    expect(s.DATABASE_URL).toBeUndefined();
  });

  it("names every invalid setting in one message", () => {
    const run = () => parseSettings({ PORT: "abc", NIMBUS_MAX_CONCURRENCY: "0", DATABASE_URL: "mysql://x" });
    expect(run).toThrow(SettingsError);
    try {
      run();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("PORT: must be a number");
      expect(msg).toContain("NIMBUS_MAX_CONCURRENCY: must be at least 1");
      expect(msg).toContain("DATABASE_URL: must be a postgresql:// URL");
    }
  });

  it("takes the log level and format from a fixed list", () => {
    expect(parseSettings({})).toMatchObject({ NIMBUS_LOG_LEVEL: "info", NIMBUS_LOG_FORMAT: "text" });
    expect(parseSettings({ NIMBUS_LOG_LEVEL: "debug", NIMBUS_LOG_FORMAT: "json" })).toMatchObject({
      NIMBUS_LOG_LEVEL: "debug",
      NIMBUS_LOG_FORMAT: "json",
    });
    expect(() => parseSettings({ NIMBUS_LOG_LEVEL: "verbose" })).toThrow(
      /NIMBUS_LOG_LEVEL: must be debug, info, warn or error/,
    );
    expect(() => parseSettings({ NIMBUS_LOG_FORMAT: "xml" })).toThrow(/NIMBUS_LOG_FORMAT: must be text or json/);
  });

  it("refuses a minimum unreserved pool above the account limit", () => {
    expect(() => parseSettings({ NIMBUS_MAX_CONCURRENCY: "5", NIMBUS_MIN_UNRESERVED_CONCURRENCY: "10" })).toThrow(
      /must not exceed/,
    );
  });

  it("takes the root access key as a pair, validated", () => {
    const id = "NIMBEXAMPLEKEY000001";
    const secret = "a".repeat(40);
    expect(
      parseSettings({ NIMBUS_ROOT_ACCESS_KEY_ID: id, NIMBUS_ROOT_SECRET_ACCESS_KEY: secret }).NIMBUS_ROOT_ACCESS_KEY_ID,
    ).toBe(id);
    expect(() => parseSettings({ NIMBUS_ROOT_ACCESS_KEY_ID: id })).toThrow(/set both or neither/);
    expect(() => parseSettings({ NIMBUS_ROOT_SECRET_ACCESS_KEY: secret })).toThrow(/set both or neither/);
    expect(() =>
      parseSettings({ NIMBUS_ROOT_ACCESS_KEY_ID: "lower-case", NIMBUS_ROOT_SECRET_ACCESS_KEY: secret }),
    ).toThrow(/NIMBUS_ROOT_ACCESS_KEY_ID: must be 16-128/);
    expect(() => parseSettings({ NIMBUS_ROOT_ACCESS_KEY_ID: id, NIMBUS_ROOT_SECRET_ACCESS_KEY: "short" })).toThrow(
      /NIMBUS_ROOT_SECRET_ACCESS_KEY: must be 40-128/,
    );
  });
});
