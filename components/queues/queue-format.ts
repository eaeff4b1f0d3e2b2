/** How a queue's numbers read on screen (pure): durations, sizes, ages, ARNs. */

const UNITS: Array<[number, string, string]> = [
  [86_400, "day", "days"],
  [3_600, "h", "h"],
  [60, "min", "min"],
  [1, "s", "s"],
];

/** Seconds in the largest unit they reach: "30 s", "1.5 min", "12 h", "4 days". */
export function formatDuration(sec: number): string {
  if (sec <= 0) return "0 s";
  const [size, one, many] = UNITS.find(([u]) => sec >= u) ?? UNITS[3]!;
  const v = +(sec / size).toFixed(1);
  return `${v} ${v === 1 ? one : many}`;
}

/** Message sizes in binary units, as SQS states its limits: "1 MiB", "256 KiB". */
export function formatBytes(n: number): string {
  if (n >= 1_048_576) return `${+(n / 1_048_576).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** The oldest message's age; a dash for an empty queue (its age reads 0 then, like a message just sent). */
export function formatOldestAge(q: { visible: number; inFlight: number; delayed: number; oldestAgeSec: number }) {
  if (q.visible + q.inFlight + q.delayed === 0) return "—";
  return q.oldestAgeSec < 1 ? "< 1 s" : formatDuration(q.oldestAgeSec);
}

/** The queue's name in an SQS ARN (arn:aws:sqs:<region>:<account>:<name>). */
export function queueOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf(":") + 1);
}

/** "1 message", "3 messages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** A body on one line, cut to `max` characters (the table's preview; the whole body expands below). */
export function bodyPreview(body: string, max = 80): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A JSON body pretty-printed; anything else as it is. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
