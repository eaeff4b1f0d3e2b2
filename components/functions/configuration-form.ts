/** What the API shows instead of a secret value (lib/services/functions/secrets.ts). */
export const MASKED = "****";

/** The Configuration tab's rules, mirrored from the API so mistakes show before saving. */
export interface ConfigDraft {
  description: string;
  memoryMb: string;
  /** /tmp size (Lambda's ephemeral storage). */
  ephemeralStorageMb: string;
  timeoutSec: string;
  reservedConcurrency: string;
  /** Calls one instance runs at once (1: Lambda's rule). */
  instanceConcurrency: string;
  /** A secret's value arrives as MASKED; sent back unchanged, the server keeps the stored value. */
  env: Array<{ key: string; value: string; secret?: boolean }>;
  /** Outbound network: internet (filtered), none, or only the hosts in `egressAllow`. */
  egressMode: EgressMode;
  /** Host names, *.patterns or addresses, one per line (allow-list mode). */
  egressAllow: string;
}

export type EgressMode = "internet" | "none" | "allow-list";

export type ConfigErrors = Partial<
  Record<
    | "description"
    | "memoryMb"
    | "ephemeralStorageMb"
    | "timeoutSec"
    | "reservedConcurrency"
    | "instanceConcurrency"
    | "env"
    | "egressAllow",
    string
  >
>;

const RESERVED = new RegExp(
  "^(AWS_REGION|AWS_DEFAULT_REGION|AWS_EXECUTION_ENV|AWS_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|" +
    "AWS_SESSION_TOKEN|AWS_LAMBDA_.*|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|_HANDLER|_X_AMZN_TRACE_ID)$",
);

const whole = (s: string) => /^\d+$/.test(s.trim());

/** The allow list's entries, as typed: one per line (commas and spaces separate too). */
export function allowEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

// The server's rules (lib/executor/network/allow.ts), mirrored: a host name, a *.pattern with at
// least two labels, or an address.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
function allowEntryProblem(entry: string): string | null {
  const e = entry.endsWith(".") ? entry.slice(0, -1) : entry;
  if (e.length > 253) return `${entry.slice(0, 40)}… is longer than 253 characters`;
  if (IPV4.test(e) || (e.includes(":") && /^[0-9a-f:.]+$/i.test(e))) return null;
  const name = e.startsWith("*.") ? e.slice(2) : e;
  const labels = name.split(".");
  if (!labels.every((l) => LABEL.test(l))) return `"${entry}" is not a host name, a *.pattern or an address`;
  if (e.startsWith("*.") && labels.length < 2) return `"${entry}" is too broad: a pattern needs at least two labels`;
  return null;
}

export function validateConfig(d: ConfigDraft): ConfigErrors {
  const e: ConfigErrors = {};
  if (d.description.length > 256) e.description = "Description must be at most 256 characters";
  if (!whole(d.memoryMb) || +d.memoryMb < 128 || +d.memoryMb > 10240)
    e.memoryMb = "Memory must be between 128 and 10240 MB";
  if (!whole(d.ephemeralStorageMb) || +d.ephemeralStorageMb < 512 || +d.ephemeralStorageMb > 10240)
    e.ephemeralStorageMb = "Ephemeral storage must be between 512 and 10240 MB";
  if (!whole(d.timeoutSec) || +d.timeoutSec < 1 || +d.timeoutSec > 300)
    e.timeoutSec = "Timeout must be between 1 and 300 seconds";
  if (d.reservedConcurrency.trim() !== "" && !whole(d.reservedConcurrency))
    e.reservedConcurrency = "Reserved concurrency must be a whole number, 0 or more (empty: unreserved)";
  if (!whole(d.instanceConcurrency) || +d.instanceConcurrency < 1 || +d.instanceConcurrency > 64)
    e.instanceConcurrency = "Instance concurrency must be between 1 and 64";
  if (d.egressMode === "allow-list") {
    const entries = allowEntries(d.egressAllow);
    if (entries.length > 50) e.egressAllow = `At most 50 host names (${entries.length} given)`;
    for (const entry of entries) {
      const problem = allowEntryProblem(entry);
      if (problem) e.egressAllow = problem;
    }
  }
  const keys = new Set<string>();
  for (const { key } of d.env) {
    if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(key))
      e.env = `Environment variable name "${key}" is invalid: use letters, digits and _, starting with a letter`;
    else if (RESERVED.test(key)) e.env = `${key} is reserved by the runtime and cannot be set`;
    else if (keys.has(key)) e.env = `${key} is set twice`;
    keys.add(key);
  }
  return e;
}

/** The PATCH body for a valid draft. */
export function toRequest(d: ConfigDraft): Record<string, unknown> {
  return {
    description: d.description,
    memoryMb: Number(d.memoryMb),
    ephemeralStorageMb: Number(d.ephemeralStorageMb),
    timeoutSec: Number(d.timeoutSec),
    instanceConcurrency: Number(d.instanceConcurrency),
    environment: Object.fromEntries(d.env.map((v) => [v.key, v.value])),
    secretNames: d.env.filter((v) => v.secret).map((v) => v.key),
    reservedConcurrency: d.reservedConcurrency.trim() === "" ? null : Number(d.reservedConcurrency),
    egressMode: d.egressMode,
    egressAllow: allowEntries(d.egressAllow),
  };
}
