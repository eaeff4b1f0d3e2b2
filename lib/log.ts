/**
 * The server's own log (never the functions' — those are records, lib/logs). Levels and
 * fields: `log.child("db").warn("the database is unavailable", { reason })`. One line per entry
 * on stderr: text by default (`[db] WARNING: the database is unavailable reason=…`), or JSON
 * lines for a log shipper (`NIMBUS_LOG_FORMAT=json`). `NIMBUS_LOG_LEVEL` drops what is below it.
 * The configuration lives on globalThis: the server bundle and Next's bundles each load this
 * module, and must log alike.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines name this component. */
  child(component: string): Logger;
}

export interface LogConfig {
  level: LogLevel;
  format: "text" | "json";
  write: (line: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const KEY = Symbol.for("nimbus.log-config");
type Holder = { [KEY]?: LogConfig };

function config(): LogConfig {
  const g = globalThis as Holder;
  g[KEY] ??= { level: "info", format: "text", write: (line) => process.stderr.write(line + "\n") };
  return g[KEY];
}

/** Sets level, format or sink for every logger in the process (at start, from the settings; in tests). */
export function configureLogging(c: Partial<LogConfig>): void {
  Object.assign(config(), c);
}

function quote(v: string | number | boolean | null): string {
  const s = String(v);
  return /^[^\s"=]+$/.test(s) ? s : JSON.stringify(s);
}

/** One entry as a line of text or JSON. */
export function formatEntry(
  format: LogConfig["format"],
  level: LogLevel,
  component: string | null,
  msg: string,
  fields: LogFields = {},
): string {
  const defined = Object.entries(fields).filter(
    (e): e is [string, string | number | boolean | null] => e[1] !== undefined,
  );
  if (format === "json") {
    return JSON.stringify({
      time: new Date().toISOString(),
      level,
      ...(component ? { component } : {}),
      msg,
      ...Object.fromEntries(defined),
    });
  }
  const tag = component ? `[${component}] ` : "";
  const prefix = level === "warn" ? "WARNING: " : level === "error" ? "ERROR: " : "";
  const tail = defined.map(([k, v]) => ` ${k}=${quote(v)}`).join("");
  return `${tag}${prefix}${msg}${tail}`;
}

/**
 * A logger for `component` (null: untagged). With `sink`, it and its children write text lines
 * there instead of the process-wide sink (tests, `startServer({ log })`); the level is still the
 * process-wide one.
 */
export function createLogger(component: string | null = null, sink?: (line: string) => void): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    const c = config();
    if (RANK[level] < RANK[c.level]) return;
    if (sink) sink(formatEntry("text", level, component, msg, fields));
    else c.write(formatEntry(c.format, level, component, msg, fields));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (name) => createLogger(component ? `${component}.${name}` : name, sink),
  };
}

/** The process's root logger. */
export const log = createLogger();
