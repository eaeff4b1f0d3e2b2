/**
 * Finds where things are in JSON text: a strict scanner that records the position of every
 * value by JSON pointer (`/States/A/Next`), and reports the first syntax error with its line
 * and column — so an editor can mark the line a diagnostic is about. Browser-safe.
 */

export interface TextPosition {
  line: number;
  column: number;
}

export interface JsonLocation {
  /** 1-based position of each value, by JSON pointer ("" is the whole document). */
  values: Map<string, TextPosition>;
  /** 1-based position of each object member's key, by the member's pointer. */
  keys: Map<string, TextPosition>;
  error?: { message: string } & TextPosition;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The value a JSON pointer names inside `root`, or undefined. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function locateJson(text: string): JsonLocation {
  const scanner = new Scanner(text);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof SyntaxAt)) throw error;
    return {
      values: scanner.values,
      keys: scanner.keys,
      error: { message: error.message, ...scanner.position(error.offset) },
    };
  }
  return { values: scanner.values, keys: scanner.keys };
}

/**
 * The position of the value at `pointer`, or of its closest ancestor that exists (a missing
 * field is reported where its object is).
 */
export function positionOf(location: JsonLocation, pointer: string): TextPosition | undefined {
  let current = pointer;
  for (;;) {
    const found = location.values.get(current);
    if (found) return found;
    if (current === "") return undefined;
    current = current.slice(0, current.lastIndexOf("/"));
  }
}

class SyntaxAt extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class Scanner {
  readonly values = new Map<string, TextPosition>();
  readonly keys = new Map<string, TextPosition>();
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
    if (text.startsWith("\uFEFF")) this.pos = 1;
  }

  position(offset: number): TextPosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  document(): void {
    this.value("");
    this.space();
    if (this.pos < this.text.length) this.fail("Unexpected text after the JSON value");
  }

  private fail(message: string): never {
    throw new SyntaxAt(this.pos >= this.text.length ? "Unexpected end of JSON input" : message, this.pos);
  }

  private space(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos] as string)) this.pos++;
  }

  private value(pointer: string): void {
    this.space();
    this.values.set(pointer, this.position(this.pos));
    const c = this.text[this.pos];
    if (c === "{") this.object(pointer);
    else if (c === "[") this.array(pointer);
    else if (c === '"') this.string();
    else this.literal(c);
  }

  private literal(c: string | undefined): void {
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.pos, this.pos + 400),
    );
    if (!literal) this.fail(`Unexpected character ${JSON.stringify(c)}`);
    this.pos += literal[0].length;
  }

  private object(pointer: string): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"')
        this.fail(`Expected a property name in double quotes, found ${JSON.stringify(this.text[this.pos])}`);
      const keyAt = this.position(this.pos);
      const key = this.string();
      const member = `${pointer}/${escapePointer(key)}`;
      this.keys.set(member, keyAt);
      this.space();
      if (this.text[this.pos] !== ":")
        this.fail(`Expected ':' after property name, found ${JSON.stringify(this.text[this.pos])}`);
      this.pos++;
      this.value(member);
      this.space();
      const next = this.text[this.pos++];
      if (next === "}") return;
      if (next !== ",") {
        this.pos--;
        this.fail(`Expected ',' or '}' after a property value, found ${JSON.stringify(next)}`);
      }
    }
  }

  private array(pointer: string): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(`${pointer}/${index}`);
      this.space();
      const next = this.text[this.pos++];
      if (next === "]") return;
      if (next !== ",") {
        this.pos--;
        this.fail(`Expected ',' or ']' after an array element, found ${JSON.stringify(next)}`);
      }
    }
  }

  private string(): string {
    const start = this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      }
      if (c === "\\") {
        const sequence = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(this.text.slice(this.pos, this.pos + 6));
        if (!sequence) this.fail("Invalid escape sequence in string");
        this.pos += sequence[0].length;
      } else if (c < " ") this.fail("Control character in string (escape it)");
      else this.pos++;
    }
    this.fail("Unterminated string");
  }
}
