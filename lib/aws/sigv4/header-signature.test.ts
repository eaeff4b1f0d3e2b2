import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { headerSignature } from "@/lib/aws/sigv4/header-signature";
import { NodeSha256 } from "@/lib/aws/sigv4/node-sha256";
import { readClaims } from "@/lib/aws/sigv4/parse";

const creds = { accessKeyId: "AKIDEXAMPLE00000001", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

/** Signs with smithy as the SDK does, then asks headerSignature for the same signature. */
async function roundTrip(req: {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string;
}) {
  const signer = new SignatureV4({ service: "lambda", region: "eu-west-1", sha256: NodeSha256, credentials: creds });
  const signed = await signer.sign(
    { ...req, protocol: "http:", hostname: req.headers.host! },
    { signingDate: new Date("2026-12-06T10:11:12Z") },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const claims = readClaims(headers, new URLSearchParams());
  const signedOnly = Object.fromEntries(claims.signedHeaders.map((h) => [h, headers[h]!]));
  const hash = createHash("sha256").update(req.body).digest("hex");
  const ours = await headerSignature(claims, creds.secretAccessKey, { ...req, headers: signedOnly }, hash);
  return { ours: ours.toString("hex"), theirs: claims.signature };
}

describe("headerSignature", () => {
  it("computes the signature smithy's signer puts on the request", async () => {
    const cases: { method: string; path: string; query: Record<string, string | string[]>; body: string }[] = [
      { method: "POST", path: "/2015-03-31/functions/f/invocations", query: {}, body: "{}" },
      { method: "POST", path: "/2015-03-31/functions/f/invocations", query: { Qualifier: "live" }, body: "[1,2]" },
      {
        method: "GET",
        path: "/2015-03-31/functions/my%20fn/aliases",
        query: { Marker: ["b", "a"], MaxItems: "5" },
        body: "",
      },
    ];
    for (const c of cases) {
      const r = await roundTrip({
        ...c,
        headers: { host: "localhost:3000", "content-type": "application/json", "x-amz-invocation-type": "  Event  " },
      });
      expect(r.ours, JSON.stringify(c)).toBe(r.theirs);
    }
  });

  it("gives another signature for another secret, body or path", async () => {
    const base = { method: "POST", path: "/a", query: {}, headers: { host: "h" }, body: "x" };
    const { theirs } = await roundTrip(base);
    const claims = {
      ...readClaims(
        {
          authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/20261206/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=${theirs}`,
          "x-amz-date": "20261206T101112Z",
        },
        new URLSearchParams(),
      ),
    };
    const sign = (secret: string, path: string, body: string) =>
      headerSignature(
        claims,
        secret,
        { ...base, path, headers: { host: "h" } },
        createHash("sha256").update(body).digest("hex"),
      );
    const right = (await sign(creds.secretAccessKey, "/a", "x")).toString("hex");
    for (const wrong of [
      await sign("other", "/a", "x"),
      await sign(creds.secretAccessKey, "/b", "x"),
      await sign(creds.secretAccessKey, "/a", "y"),
    ])
      expect(wrong.toString("hex")).not.toBe(right);
  });
});
