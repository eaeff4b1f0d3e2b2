import { describe, expect, it } from "vitest";
import { firstCommands, templateOf } from "@/components/functions/templates";

describe("function templates", () => {
  it("take a template from the URL, or the first one", () => {
    expect(templateOf("http")).toBe("http");
    expect(templateOf(["scheduled", "http"])).toBe("scheduled");
    expect(templateOf("nope")).toBe("hello-world");
    expect(templateOf(undefined)).toBe("hello-world");
  });

  it("offer the same terminal command the README documents, for this console's address", () => {
    expect(firstCommands("http://nimbus.lan:8080")).toContain(
      "AWS_CONFIG_FILE=.data/config AWS_SHARED_CREDENTIALS_FILE=.data/credentials aws lambda list-functions " +
        "--endpoint-url http://nimbus.lan:8080",
    );
  });
});
