import { describe, expect, it } from "vitest";
import {
  amzDateToMs,
  msToAmzDate,
  parseAuthorizationHeader,
  parsePresignedQuery,
  readClaims,
} from "@/lib/aws/sigv4/parse";

const sig = "a".repeat(64);
const header = `AWS4-HMAC-SHA256 Credential=NIMBEXAMPLEKEY000001/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}`;

describe("SigV4 claims", () => {
  it("reads the Authorization header", () => {
    expect(parseAuthorizationHeader(header, "20261127T101500Z")).toEqual({
      accessKeyId: "NIMBEXAMPLEKEY000001",
      scopeDate: "20261127",
      region: "us-east-1",
      service: "lambda",
      terminator: "aws4_request",
      signedHeaders: ["host", "x-amz-date"],
      signature: sig,
      amzDate: "20261127T101500Z",
      expiresSeconds: null,
    });
  });

  it("tolerates missing spaces after commas", () => {
    expect(parseAuthorizationHeader(header.replace(/, /g, ","), "20261127T101500Z").signedHeaders).toEqual([
      "host",
      "x-amz-date",
    ]);
  });

  it("accepts the parameters in another order (the general path)", () => {
    const reordered = `AWS4-HMAC-SHA256 Signature=${sig}, Credential=NIMBEXAMPLEKEY000001/20261127/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date`;
    expect(parseAuthorizationHeader(reordered, "20261127T101500Z")).toEqual(
      parseAuthorizationHeader(header, "20261127T101500Z"),
    );
  });

  it("names what is missing or malformed", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as { code: string }).code, (e as Error).message];
      }
      return null;
    };
    expect(code(() => readClaims({}, new URLSearchParams()))).toEqual([
      "MissingAuthenticationTokenException",
      "Missing Authentication Token",
    ]);
    expect(code(() => readClaims({ authorization: header }, new URLSearchParams()))?.[1]).toMatch(/X-Amz-Date/);
    expect(code(() => parseAuthorizationHeader("AWS3 Credential=x", "20261127T101500Z"))?.[0]).toBe(
      "IncompleteSignatureException",
    );
    expect(
      code(() => parseAuthorizationHeader(header.replace(/, Signature=\w+/, ""), "20261127T101500Z"))?.[1],
    ).toMatch(/requires 'Signature' parameter/);
    expect(code(() => parseAuthorizationHeader(header.replace("/lambda", ""), "20261127T101500Z"))?.[1]).toMatch(
      /exactly 5 slash-delimited/,
    );
    expect(code(() => parseAuthorizationHeader(header, "2026-11-27T10:15:00Z"))?.[1]).toMatch(
      /ISO-8601 'basic format'/,
    );
    expect(code(() => parseAuthorizationHeader(header, "20261399T101500Z"))?.[0]).toBe("IncompleteSignatureException");
    expect(code(() => parseAuthorizationHeader(header.replace("host;", ""), "20261127T101500Z"))?.[1]).toMatch(
      /'Host'/,
    );
    expect(code(() => parseAuthorizationHeader(header.replace(sig, "XYZ"), "20261127T101500Z"))?.[0]).toBe(
      "InvalidSignatureException",
    );
  });

  it("reads a presigned query", () => {
    const q = new URLSearchParams({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "NIMBEXAMPLEKEY000001/20261127/us-east-1/lambda/aws4_request",
      "X-Amz-Date": "20261127T101500Z",
      "X-Amz-Expires": "600",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": sig,
    });
    expect(readClaims({}, q)).toMatchObject({
      accessKeyId: "NIMBEXAMPLEKEY000001",
      expiresSeconds: 600,
      signedHeaders: ["host"],
    });
    q.set("X-Amz-Expires", "604801");
    expect(() => parsePresignedQuery(q)).toThrow(/X-Amz-Expires/);
    q.delete("X-Amz-Expires");
    expect(() => parsePresignedQuery(q)).toThrow(/must include 'X-Amz-Expires'/);
  });

  it("converts X-Amz-Date both ways", () => {
    const ms = amzDateToMs("20261127T101500Z");
    expect(new Date(ms).toISOString()).toBe("2026-11-27T10:15:00.000Z");
    expect(msToAmzDate(ms)).toBe("20261127T101500Z");
    for (const real of ["20240229T000000Z", "20261231T235959Z", "20000229T120000Z"])
      expect(msToAmzDate(amzDateToMs(real)), real).toBe(real);
    for (const unreal of [
      "20260229T000000Z",
      "21000229T000000Z",
      "20261345T000000Z",
      "20260431T000000Z",
      "20261127T240000Z",
      "20261127T106000Z",
      "20260001T000000Z",
    ])
      expect(amzDateToMs(unreal), unreal).toBeNaN();
  });
});
