import { describe, expect, it } from "vitest";
import { md5Hex, md5OfAttributes, selectAttributes } from "@/lib/message-queues/attributes";

// Digests SQS itself produced (AWS CLI docs and recorded responses).
describe("message attribute digests", () => {
  it("match SQS's for string attributes", () => {
    expect(md5OfAttributes({ PostalCode: { DataType: "String", StringValue: "ABC123" } })).toBe(
      "b8e89563a83b6381835710c1e088e74f",
    );
    expect(
      md5OfAttributes({
        PostalCode: { DataType: "String", StringValue: "ABC123" },
        City: { DataType: "String", StringValue: "Any City" },
      }),
    ).toBe("9424c491ff2bbec06ecbc9d226bc3ae7");
  });

  it("match SQS's for binary attributes (the decoded bytes)", () => {
    const bytes = Buffer.from("traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01", "latin1");
    expect(md5OfAttributes({ attr1: { DataType: "Binary", BinaryValue: bytes.toString("base64") } })).toBe(
      "8cbe4db156db8a94db8b801b7addb984",
    );
  });

  it("cover only the attributes a receive returns", () => {
    const all = {
      General: { DataType: "String", StringValue: "Kenobi" },
      Hello: { DataType: "String", StringValue: "There" },
      "Help.Me": { DataType: "String", StringValue: "Me" },
    };
    expect(md5OfAttributes(all)).toBe("4c360f3fdafd970e05fae2f149d997f5");
    const some = selectAttributes(all, ["Hel.*"])!;
    expect(Object.keys(some).sort()).toEqual(["Hello", "Help.Me"]);
    expect(md5OfAttributes(some)).toBe("83fee93c1bcd8b9a5a923ffacdc636c7");
    expect(selectAttributes(all, ["Nope"])).toBeNull();
    expect(Object.keys(selectAttributes(all, ["All"])!)).toHaveLength(3);
  });

  it("hash bodies as UTF-8", () => {
    expect(md5Hex("msg")).toBe("6e2baaf3b97dbeef01c0043275f9a0e7");
  });
});
