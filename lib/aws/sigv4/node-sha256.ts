/** The hash SignatureV4 is given: node:crypto's SHA-256/HMAC behind smithy's Checksum shape. */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { Checksum, SourceData } from "@smithy/types";

export class NodeSha256 implements Checksum {
  private h: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(secret));
  }
  update(data: Uint8Array | string): void {
    this.h.update(typeof data === "string" ? data : toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
  reset(): void {
    this.h = this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(this.secret));
  }
}

function toBytes(d: SourceData): Buffer | string {
  if (typeof d === "string") return d;
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  return Buffer.from(d as ArrayBuffer);
}
