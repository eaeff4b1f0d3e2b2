/**
 * What Nimbus does not serve is answered in AWS's shape, so the SDK reports
 * UnknownOperationException — never the console's sign-in redirect ("UnknownError (302)").
 */
import { describe, expect, it } from "vitest";
import { GetProvisionedConcurrencyConfigCommand } from "@aws-sdk/client-lambda";
import { signedFetch, testServer } from "@/test/server";

const t = testServer();

describe("operations Nimbus does not serve", () => {
  it("a Lambda operation not in the route table", async () => {
    const err = await t.lambda
      .send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: "anything", Qualifier: "live" }))
      .catch((e: Error) => e);
    expect(err).toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 404 } });
  });

  it("another AWS API's dated path, signed or not", async () => {
    const signed = await signedFetch(`${t.srv.url}/2018-10-31/layers`);
    expect(signed.status).toBe(404);
    expect(signed.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    const anonymous = await fetch(`${t.srv.url}/2099-01-01/things`, { redirect: "manual" });
    expect(anonymous.status).toBe(403); // unsigned: the signature check answers first, in AWS's shape
    expect(anonymous.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
  });

  it("a JSON-protocol X-Amz-Target", async () => {
    const res = await fetch(`${t.srv.url}/`, {
      method: "POST",
      redirect: "manual",
      headers: { "x-amz-target": "DynamoDB_20120810.ListTables", "content-type": "application/x-amz-json-1.0" },
      body: "{}",
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(await res.json()).toMatchObject({ message: expect.stringContaining("DynamoDB_20120810.ListTables") });
  });
});
