/**
 * Settings, read from the environment and validated once at start. Every setting is
 * documented in the README; an invalid one stops the start with a message naming it.
 */
import path from "node:path";
import { z } from "zod";

const int = (def: number, min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);

export const settingsSchema = z.object({
  PORT: int(3000, 0, 65535), // 0: any free port
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  NIMBUS_DATA_DIR: z.string().min(1).default(".data"),
  NIMBUS_MAX_CONCURRENCY: int(100, 1, 100_000),
  NIMBUS_MIN_UNRESERVED_CONCURRENCY: int(10, 0, 100_000),
  NIMBUS_INSTANCE_IDLE_SECONDS: int(300, 1, 86_400),
  NIMBUS_PREWARM_SANDBOXES: int(1, 0, 64),
  NIMBUS_INSTANCES_PER_SANDBOX: int(64, 1, 512),
  // CPU-bound calls (any function) running at once before the next waits its turn; 0: twice the cores.
  NIMBUS_CPU_CAP: int(0, 0, 100_000),
  NIMBUS_MAX_SANDBOXES: int(64, 1, 100_000),
  NIMBUS_RECORDS_MAX_MB: int(10_240, 0, 100_000_000),
  // Function URLs: <url-id>.lambda-url.<region>.<domain>; scheme and port as clients reach Nimbus (0: its own port).
  NIMBUS_URL_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      "must be a DNS name, e.g. localhost or fn.example.com",
    )
    .default("localhost"),
  NIMBUS_URL_SCHEME: z.enum(["http", "https"], { error: "must be http or https" }).default("http"),
  NIMBUS_URL_PORT: int(0, 0, 65535),
  // Response streaming: a stream past this many MB is cut (AWS's soft limit is 20 MB).
  NIMBUS_STREAM_MAX_MB: int(20, 1, 10_240),
  NIMBUS_DISK_MIN_FREE_MB: int(1024, 0, 100_000_000),
  NIMBUS_SHUTDOWN_GRACE_SECONDS: int(30, 0, 900),
  // How often running rollouts are checked against their thresholds (and stepped when due).
  NIMBUS_ROLLOUT_CHECK_SECONDS: int(5, 1, 300),
  // Concurrency limits hold for every server sharing the database and this name (lib/invoke/admission.ts);
  // a server that stops renewing its shares loses them after NIMBUS_CONCURRENCY_LEASE_SECONDS.
  NIMBUS_CLUSTER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, '.', '_' or '-'")
    .default("default"),
  NIMBUS_CONCURRENCY_LEASE_SECONDS: int(5, 2, 300),
  // Workflow executions (lib/workflows/engine/runner.ts): a server that stops renewing its claim on
  // one (it crashed) lets another go on after this long; at most this many run in memory per server.
  NIMBUS_WORKFLOW_LEASE_SECONDS: int(6, 2, 600),
  NIMBUS_WORKFLOW_MAX_RUNNING: int(1000, 1, 100000),
  // Traces (lib/traces): off leaves invocations out of every trace (for measuring what tracing costs);
  // the sample ratio is the share of calls, without a caller's sampling decision, whose own
  // OpenTelemetry spans are kept; platform spans and errors are always kept. Export over OTLP/HTTP
  // when OTEL_EXPORTER_OTLP_ENDPOINT is set (e.g. http://localhost:4318).
  NIMBUS_TRACING: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  NIMBUS_TRACE_SAMPLE_RATIO: z.coerce
    .number({ error: "must be a number" })
    .min(0, "must be at least 0")
    .max(1, "must be at most 1")
    .default(1),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "must be a URL such as http://localhost:4318" }).optional(),
  NIMBUS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must look like an AWS region, e.g. us-east-1")
    .default("us-east-1"),
  NIMBUS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "must be 12 digits")
    .default("000000000000"),
  NIMBUS_EMBEDDED_PG_PORT: int(0, 0, 65535),
  NIMBUS_LOG_RETENTION_DAYS: int(30, 1, 3650),
  NIMBUS_MASTER_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, "must be 32 bytes as 64 hex digits or base64")
    .optional(),
  // Outbound network of sandboxes: "auto" gives what this host allows (docs/network.md); "none" gives no sandbox any.
  NIMBUS_SANDBOX_NETWORK: z.enum(["auto", "none"], { error: "must be auto or none" }).default("auto"),
  NIMBUS_SANDBOX_ISOLATION: z
    .enum(["auto", "no-bubblewrap"], { error: "must be auto or no-bubblewrap" })
    .default("auto"),
  NIMBUS_SANDBOX_MEMORY_LIMIT_MB: int(8192, 512, 262_144),
  NIMBUS_SANDBOX_MAX_OPEN_FILES: int(1024, 64, 65_536),
  NIMBUS_SANDBOX_UID_BASE: int(200_000, 1000, 2_000_000_000),
  /** Read where the runtime id is needed (lib/executor/sandbox-node.ts); validated here with the rest. */
  NIMBUS_SANDBOX_NODE: z.string().regex(/^\//, "must be an absolute path to a node binary").optional(),
  /**
   * The key being rotated away from: values under it still open, and are re-sealed under NIMBUS_MASTER_KEY
   * at start.
   */
  NIMBUS_MASTER_KEY_PREVIOUS: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, "must be 32 bytes as 64 hex digits or base64")
    .optional(),
  NIMBUS_ASYNC_CONCURRENCY: int(16, 1, 1000),
  // Queues (SQS API): SQS's caps by default; raising them is allowed beyond SQS (docs/queues.md).
  NIMBUS_QUEUE_MAX_VISIBILITY_SECONDS: int(43_200, 43_200, 2_592_000),
  NIMBUS_QUEUE_MAX_DELAY_SECONDS: int(900, 900, 2_592_000),
  // Both or neither (checked below): the root access key, created or rotated at start.
  NIMBUS_ROOT_ACCESS_KEY_ID: z
    .string()
    .regex(/^[A-Z0-9]{16,128}$/, "must be 16-128 upper-case letters and digits, e.g. NIMBEXAMPLEKEY000001")
    .optional(),
  NIMBUS_ROOT_SECRET_ACCESS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{40,128}$/, "must be 40-128 characters of A-Z a-z 0-9 + / =")
    .optional(),
  NIMBUS_ASYNC_RETRY_DELAYS_SECONDS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "must be a comma-separated list of seconds, e.g. 60,120")
    .default("60,120")
    .transform((s) => s.split(",").map(Number)),
  // Console login. Given: user `admin` gets this password at start (created or reset).
  NIMBUS_ADMIN_PASSWORD: z
    .string()
    .min(8, "must be at least 8 characters")
    .max(1024, "must be at most 1024 characters")
    .optional(),
  NIMBUS_SESSION_IDLE_MINUTES: int(720, 1, 525_600),
  NIMBUS_SESSION_MAX_HOURS: int(168, 1, 8760),
  // auto: Secure when the request came over https (X-Forwarded-Proto from a proxy, or TLS).
  // Reverse proxies whose X-Forwarded-For is believed (login limits count the client behind them).
  NIMBUS_TRUSTED_PROXIES: z
    .string()
    .regex(
      /^[0-9a-fA-F.:]+(\s*,\s*[0-9a-fA-F.:]+)*$/,
      "must be a comma-separated list of IP addresses, e.g. 127.0.0.1,::1",
    )
    .default("")
    .transform(
      (s) =>
        new Set(
          s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        ),
    ),
  NIMBUS_COOKIE_SECURE: z.enum(["auto", "always", "never"], { error: "must be auto, always or never" }).default("auto"),
  // The server's own log (lib/log.ts): entries below the level are dropped; json: one JSON object a line.
  NIMBUS_LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], { error: "must be debug, info, warn or error" })
    .default("info"),
  NIMBUS_LOG_FORMAT: z.enum(["text", "json"], { error: "must be text or json" }).default("text"),
});

export type Settings = z.infer<typeof settingsSchema> & { dataDir: string };

export class SettingsError extends Error {}

export function parseSettings(env: Record<string, string | undefined> = process.env): Settings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = settingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const s = parsed.data;
  if (s.NIMBUS_MIN_UNRESERVED_CONCURRENCY > s.NIMBUS_MAX_CONCURRENCY) {
    throw new SettingsError(
      "Invalid settings:\n  NIMBUS_MIN_UNRESERVED_CONCURRENCY: must not exceed NIMBUS_MAX_CONCURRENCY",
    );
  }
  if ((s.NIMBUS_ROOT_ACCESS_KEY_ID === undefined) !== (s.NIMBUS_ROOT_SECRET_ACCESS_KEY === undefined)) {
    throw new SettingsError(
      "Invalid settings:\n  NIMBUS_ROOT_ACCESS_KEY_ID and NIMBUS_ROOT_SECRET_ACCESS_KEY: set both or neither",
    );
  }
  return { ...s, dataDir: path.resolve(s.NIMBUS_DATA_DIR) };
}
