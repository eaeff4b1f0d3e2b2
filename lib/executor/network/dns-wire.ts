/**
 * Just enough of the DNS wire format (RFC 1035) for the sandboxes' resolver: read a query's
 * question, answer it from a table or with an error code, and read the A/AAAA addresses out of
 * an upstream answer (so allow-list mode can open exactly those). Everything from a sandbox is
 * hostile input: every read is bounds-checked, and anything odd is refused rather than guessed.
 */
import net from "node:net";

export const TYPE_A = 1;
export const TYPE_AAAA = 28;
export const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

export interface Question {
  id: number;
  /** Lower case, no trailing dot. */
  name: string;
  type: number;
  /** Whether the client asked for recursion (echoed in the answer). */
  rd: boolean;
  /** The question section's bytes, echoed in answers. */
  raw: Buffer;
}

/** The query's single question, or null when the packet is not a plain standard query. */
export function readQuery(msg: Buffer): Question | null {
  if (msg.length < 12 || msg.length > 4096) return null;
  const flags = msg.readUInt16BE(2);
  const qr = flags >> 15;
  const opcode = (flags >> 11) & 0xf;
  if (qr !== 0 || opcode !== 0 || msg.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let i = 12;
  for (;;) {
    if (i >= msg.length) return null;
    const len = msg[i]!;
    if (len === 0) break;
    if (len > 63) return null; // compression has no place in a question
    if (i + 1 + len > msg.length) return null;
    labels.push(msg.toString("latin1", i + 1, i + 1 + len));
    i += 1 + len;
  }
  const end = i + 5;
  if (end > msg.length) return null;
  const name = labels.join(".").toLowerCase();
  if (name.length > 253) return null;
  return {
    id: msg.readUInt16BE(0),
    name,
    type: msg.readUInt16BE(i + 1),
    rd: (flags & 0x0100) !== 0,
    raw: msg.subarray(12, end),
  };
}

/** An answer to `q`: the given rcode, and A/AAAA records for the addresses of the asked type. */
export function answer(q: Question, rcode: number, addresses: readonly string[] = [], ttl = 60): Buffer {
  const records: Buffer[] = [];
  for (const a of addresses) {
    const family = net.isIP(a);
    if ((family === 4 && q.type !== TYPE_A) || (family === 6 && q.type !== TYPE_AAAA) || family === 0) continue;
    const rdata = family === 4 ? Buffer.from(a.split(".").map(Number)) : ipv6Bytes(a);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(q.type, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(ttl, 6);
    rr.writeUInt16BE(rdata.length, 10);
    records.push(rr, rdata);
  }
  const head = Buffer.alloc(12);
  head.writeUInt16BE(q.id, 0);
  // QR, RD as asked, RA, and the code.
  head.writeUInt16BE(0x8000 | (q.rd ? 0x0100 : 0) | 0x0080 | (rcode & 0xf), 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(records.length / 2, 6);
  return Buffer.concat([head, q.raw, ...records]);
}

/** The 16 bytes of an IPv6 address (`::` expanded; an embedded IPv4 tail allowed). */
export function ipv6Bytes(address: string): Buffer {
  let a = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  let tail: number[] = [];
  if (v4?.[1]) {
    const p = v4[1].split(".").map(Number);
    tail = [((p[0] ?? 0) << 8) | (p[1] ?? 0), ((p[2] ?? 0) << 8) | (p[3] ?? 0)];
    a = a.slice(0, -v4[1].length) + "0:0";
  }
  const [left = "", right] = a.split("::");
  const l = left ? left.split(":") : [];
  const r = right !== undefined && right !== "" ? right.split(":") : [];
  const words = [...l, ...Array(8 - l.length - r.length).fill("0"), ...r].map((w) => Number.parseInt(w || "0", 16));
  if (tail.length) words.splice(6, 2, ...tail);
  const out = Buffer.alloc(16);
  for (let i = 0; i < 8; i++) out.writeUInt16BE((words[i] ?? 0) & 0xffff, i * 2);
  return out;
}

/** Skips a (possibly compressed) name; returns the offset after it, or -1 when malformed. */
function skipName(msg: Buffer, start: number): number {
  let i = start;
  for (let guard = 0; guard < 128; guard++) {
    if (i >= msg.length) return -1;
    const len = msg[i]!;
    if (len === 0) return i + 1;
    if ((len & 0xc0) === 0xc0) return i + 2 <= msg.length ? i + 2 : -1;
    if (len > 63) return -1;
    i += 1 + len;
  }
  return -1;
}

/** The A and AAAA addresses in an answer's answer section (CNAME chains included), or null if malformed. */
export function answerAddresses(msg: Buffer): { id: number; rcode: number; addresses: string[] } | null {
  if (msg.length < 12) return null;
  const flags = msg.readUInt16BE(2);
  if (flags >> 15 !== 1) return null;
  const qd = msg.readUInt16BE(4);
  const an = msg.readUInt16BE(6);
  let i = 12;
  for (let k = 0; k < qd; k++) {
    i = skipName(msg, i);
    if (i < 0 || i + 4 > msg.length) return null;
    i += 4;
  }
  const addresses: string[] = [];
  for (let k = 0; k < an; k++) {
    i = skipName(msg, i);
    if (i < 0 || i + 10 > msg.length) return null;
    const type = msg.readUInt16BE(i);
    const len = msg.readUInt16BE(i + 8);
    i += 10;
    if (i + len > msg.length) return null;
    if (type === TYPE_A && len === 4) addresses.push([...msg.subarray(i, i + 4)].join("."));
    if (type === TYPE_AAAA && len === 16) {
      const words: string[] = [];
      for (let w = 0; w < 8; w++) words.push(msg.readUInt16BE(i + w * 2).toString(16));
      addresses.push(words.join(":"));
    }
    i += len;
  }
  return { id: msg.readUInt16BE(0), rcode: flags & 0xf, addresses };
}
