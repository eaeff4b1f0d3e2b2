import { describe, expect, it } from "vitest";
import { configureSnippet, envSnippet } from "@/components/access-keys/snippets";

const k = {
  accessKeyId: "NIMBEXAMPLEKEY000001",
  secretAccessKey: "abc/def+ghi",
  region: "eu-west-1",
  endpoint: "http://nimbus.local:3000",
};

describe("key snippets", () => {
  it("exports the key, region and endpoint for the SDKs and the CLI", () => {
    const s = envSnippet(k);
    expect(s).toContain("export AWS_ACCESS_KEY_ID=NIMBEXAMPLEKEY000001\n");
    expect(s).toContain("export AWS_SECRET_ACCESS_KEY=abc/def+ghi\n");
    expect(s).toContain("export AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1\n");
    expect(s).toContain("export AWS_ENDPOINT_URL=http://nimbus.local:3000\n");
  });

  it("configures a named profile", () => {
    expect(configureSnippet(k).split("\n")).toEqual([
      "aws configure set aws_access_key_id NIMBEXAMPLEKEY000001 --profile nimbus",
      "aws configure set aws_secret_access_key abc/def+ghi --profile nimbus",
      "aws configure set region eu-west-1 --profile nimbus",
      "aws lambda list-functions --profile nimbus --endpoint-url http://nimbus.local:3000",
    ]);
  });
});
