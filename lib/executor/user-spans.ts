/**
 * The spans a function reports are its own word, like the rest of its reply: they are kept only
 * in the shape the trace store expects — at most MAX_SPANS per call, hex ids, finite times, short
 * names, a few scalar attributes — so a hostile function can fill its own trace and nothing else.
 */
import type { UserSpan } from "@/lib/executor/types";

const MAX_SPANS = 1000;
const MAX_ATTRIBUTES = 32;
const MAX_TEXT = 256;
const HEX16 = /^[0-9a-f]{16}$/;
/** Text PostgreSQL's jsonb can hold: no NUL, no lone surrogate. */
const clean = (s: string) => s.slice(0, MAX_TEXT).replaceAll("\u0000", "").toWellFormed();

export function checkedSpans(raw: unknown): UserSpan[] {
  if (!Array.isArray(raw)) return [];
  const out: UserSpan[] = [];
  for (const s of raw.slice(0, MAX_SPANS)) {
    if (typeof s !== "object" || s === null) continue;
    const { i, p, n, s: start, d, e, a } = s as Record<string, unknown>;
    if (typeof i !== "string" || !HEX16.test(i) || typeof p !== "string" || !HEX16.test(p)) continue;
    if (typeof start !== "number" || !Number.isFinite(start) || typeof d !== "number" || !Number.isFinite(d) || d < 0)
      continue;
    const span: UserSpan = { i, p, n: typeof n === "string" ? clean(n) : "span", s: start, d };
    if (typeof e === "string") span.e = clean(e);
    const attrs = checkedAttributes(a);
    if (attrs) span.a = attrs;
    out.push(span);
  }
  return out;
}

function checkedAttributes(a: unknown): UserSpan["a"] | undefined {
  if (typeof a !== "object" || a === null || Array.isArray(a)) return undefined;
  const out: NonNullable<UserSpan["a"]> = {};
  let n = 0;
  for (const [k, v] of Object.entries(a)) {
    if (n >= MAX_ATTRIBUTES) break;
    if (typeof v === "string") out[clean(k)] = clean(v);
    else if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") out[clean(k)] = v;
    else continue;
    n++;
  }
  return n ? out : undefined;
}
