import { intrinsicFailure } from "@/lib/workflows/asl/errors";

/** A parsed intrinsic argument. String literals keep their raw text so States.Format can tell `\{` from `{`. */
export type IntrinsicNode =
  | { kind: "call"; name: string; args: IntrinsicNode[] }
  | { kind: "literal"; value: string | number | boolean | null; raw?: string }
  | { kind: "path"; path: string };

/** ASL allows at most 10 intrinsic calls nested within one field. */
const MAX_DEPTH = 10;

/** True when a `.$` value is an intrinsic invocation rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/**
 * Parses `States.Name(arg, …)`. Arguments are single-quoted strings (escapes `\'`, `\{`,
 * `\}`, `\\`), numbers, true/false/null, paths (`$.x`, `$$.x`, `$var`) or nested calls.
 */
export function parseIntrinsic(text: string): IntrinsicNode {
  const parser = new Parser(text);
  const node = parser.call(1);
  parser.skipSpace();
  if (!parser.done()) parser.fail("unexpected text after the closing parenthesis");
  return node;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  fail(why: string): never {
    throw intrinsicFailure(`Invalid intrinsic function '${this.text}' at position ${this.pos}: ${why}`);
  }

  skipSpace(): void {
    while (!this.done() && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  call(depth: number): IntrinsicNode {
    if (depth > MAX_DEPTH) this.fail(`intrinsic functions can be nested at most ${MAX_DEPTH} deep`);
    this.skipSpace();
    const match = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.text.slice(this.pos));
    if (!match) this.fail("expected a 'States.<Function>(' call");
    this.pos += match[0].length;
    const args: IntrinsicNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ")") {
      this.pos++;
      return { kind: "call", name: match[1] as string, args };
    }
    for (;;) {
      args.push(this.argument(depth));
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ")") return { kind: "call", name: match[1] as string, args };
      if (c !== ",") this.fail("expected ',' or ')'");
    }
  }

  private argument(depth: number): IntrinsicNode {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return this.string();
    if (rest.startsWith("$")) return { kind: "path", path: this.path() };
    if (rest.startsWith("States.")) return this.call(depth + 1);
    const word = /^(true|false|null)(?![A-Za-z0-9_])/.exec(rest);
    if (word) {
      this.pos += word[0].length;
      return { kind: "literal", value: word[1] === "null" ? null : word[1] === "true" };
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    this.fail("expected a string, number, boolean, null, path or intrinsic function");
  }

  private string(): IntrinsicNode {
    const start = ++this.pos;
    let value = "";
    while (!this.done()) {
      const c = this.text[this.pos] as string;
      if (c === "'") {
        const raw = this.text.slice(start, this.pos++);
        return { kind: "literal", value, raw };
      }
      if (c === "\\") {
        const next = this.text[this.pos + 1];
        if (next === undefined || !"'{}\\".includes(next)) this.fail("a backslash must escape one of ' { } \\");
        value += next;
        this.pos += 2;
        continue;
      }
      value += c;
      this.pos++;
    }
    this.fail("unterminated string literal");
  }

  /** A path runs to the next ',' or ')' outside brackets, parentheses and quotes. */
  private path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (!this.done()) {
      const c = this.text[this.pos] as string;
      if (quote) {
        if (c === "\\") this.pos++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "[" || c === "(") depth++;
      else if (c === "]" || c === ")") {
        if (depth === 0) break;
        depth--;
      } else if (c === "," && depth === 0) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}
