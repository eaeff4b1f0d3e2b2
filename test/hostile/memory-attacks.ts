/**
 * Memory outside the V8 heap, each in a 128 MB function: Lambda's memory setting bounds the
 * whole footprint, so every one of these must end as Runtime.OutOfMemory (the sandbox host's
 * memory guard), leaving the platform and other functions alone.
 */
import type { Attack, Expect, Outcome } from "@/test/hostile/attacks";

const OOM = (expect: Expect) => (o: Outcome) =>
  expect(
    o.errorType === "Runtime.OutOfMemory",
    `expected Runtime.OutOfMemory, got ${o.errorType}: ${JSON.stringify(o.body).slice(0, 300)}`,
  );

/** A handler that keeps `grow` (an expression) in a list until something stops it (2 GB). */
const hog = (grow: string) =>
  `const keep = []; export const handler = async () => { for (let i = 0; i < 2048; i++) { keep.push(${grow}); if (i % 8 === 0) await new Promise((r) => setImmediate(r)); } return keep.length; };`;

export function memoryAttacks(expect: Expect): Attack[] {
  const oom = OOM(expect);
  return [
    { name: "holds 2 GB of Buffers in 128 MB", code: hog("Buffer.alloc(1 << 20, 1)"), memoryMb: 128, check: oom },
    {
      name: "holds 2 GB of ArrayBuffers in 128 MB",
      code: hog("new Uint8Array(new ArrayBuffer(1 << 20)).fill(7).buffer"),
      memoryMb: 128,
      check: oom,
    },
    {
      name: "holds 2 GB of typed arrays in 128 MB",
      code: hog("new Float64Array(1 << 17).fill(Math.random())"),
      memoryMb: 128,
      check: oom,
    },
    {
      name: "grows a string out of Buffers in 128 MB",
      code: `export const handler = async () => { let s = ""; for (let i = 0; i < 4096; i++) { s += Buffer.alloc(1 << 20, 97).toString("latin1"); if (i % 8 === 0) await new Promise((r) => setImmediate(r)); } return s.length; };`,
      memoryMb: 128,
      timeoutSeconds: 30,
      check: oom,
    },
    {
      name: "allocates Buffers in a loop that never yields, in 128 MB",
      code: `export const handler = async () => { const keep = []; for (let i = 0; i < 2048; i++) keep.push(Buffer.alloc(1 << 20, 1)); return keep.length; };`,
      memoryMb: 128,
      check: oom,
    },
  ];
}
