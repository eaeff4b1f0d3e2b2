/**
 * Message attributes as SQS takes them, and their MD5 as SQS computes it (clients check it:
 * @aws-sdk/client-sqs refuses a SendMessage or ReceiveMessage answer whose MD5 does not match).
 * The digest covers the attributes sorted by name, each as: name, data type (both length-prefixed,
 * the type's custom label included), a transport byte — 1 when a StringValue is set, 2 when a
 * BinaryValue is (its decoded bytes) — and the length-prefixed value.
 */
import { createHash } from "node:crypto";

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  /** Base64, as the JSON protocol carries bytes. */
  BinaryValue?: string;
}
export type MessageAttributes = Record<string, MessageAttribute>;

export const md5Hex = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

export function md5OfAttributes(attrs: MessageAttributes): string {
  const parts: Buffer[] = [];
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name]!;
    parts.push(lengthPrefixed(Buffer.from(name, "utf8")), lengthPrefixed(Buffer.from(a.DataType, "utf8")));
    if (a.StringValue !== undefined) parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(a.StringValue, "utf8")));
    else parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(a.BinaryValue ?? "", "base64")));
  }
  return createHash("md5").update(Buffer.concat(parts)).digest("hex");
}

/** The bytes attributes count for against a message's size limit: names, types and values. */
export function attributesBytes(attrs: MessageAttributes): number {
  let n = 0;
  for (const [name, a] of Object.entries(attrs)) {
    n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    n +=
      a.BinaryValue !== undefined
        ? Buffer.from(a.BinaryValue, "base64").length
        : Buffer.byteLength(a.StringValue ?? "");
  }
  return n;
}

/**
 * The attributes a receive asked for by name: "All", ".*" or "*" for every one, exact names, and
 * `prefix.*` (a plain prefix: "Hel.*" matches Hello and Help.Me). Names no attribute has are ignored.
 */
export function selectAttributes(attrs: MessageAttributes | null, wanted: string[]): MessageAttributes | null {
  if (!attrs || wanted.length === 0) return null;
  const all = wanted.some((w) => w === "All" || w === ".*" || w === "*");
  const out: MessageAttributes = {};
  for (const [name, a] of Object.entries(attrs)) {
    const hit = all || wanted.some((w) => (w.endsWith(".*") ? name.startsWith(w.slice(0, -2)) : w === name));
    if (hit) out[name] = a;
  }
  return Object.keys(out).length ? out : null;
}
