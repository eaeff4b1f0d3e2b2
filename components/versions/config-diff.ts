/** Two versions' configurations side by side, field by field (pure: tested in config-diff.test.ts). */
import type { VersionJson } from "@/lib/queries/versions";

export interface ConfigRow {
  key: string;
  label: string;
  a: string;
  b: string;
  changed: boolean;
  /** A secret variable: its values are never sent to the console, so a change cannot be seen. */
  secret?: boolean;
  /** About the version, not what it runs (the description): publishing ignores it too. */
  meta?: boolean;
}

const NOT_SET = "(not set)";

type Field = { key: string; label: string; value: (v: VersionJson) => string };

const FIELDS: Field[] = [
  { key: "description", label: "Description", value: (v) => v.description || "(none)" },
  { key: "runtime", label: "Runtime", value: (v) => v.runtime },
  { key: "handler", label: "Handler", value: (v) => v.handler },
  { key: "memoryMb", label: "Memory", value: (v) => `${v.memoryMb} MB` },
  { key: "timeoutSec", label: "Timeout", value: (v) => `${v.timeoutSec} s` },
  { key: "ephemeralStorageMb", label: "Ephemeral storage", value: (v) => `${v.ephemeralStorageMb} MB` },
  { key: "instanceConcurrency", label: "Instance concurrency", value: (v) => String(v.instanceConcurrency ?? 1) },
  { key: "egressMode", label: "Outbound network", value: (v) => v.egressMode },
  { key: "egressAllow", label: "Allowed hosts", value: (v) => v.egressAllow.join(", ") || "(none)" },
  { key: "codeSha256", label: "CodeSha256", value: (v) => v.codeSha256 },
  { key: "codeSize", label: "Code size", value: (v) => `${v.codeSize.toLocaleString("en-US")} bytes` },
];

/** Every field of A and B (environment variables one row each, by name), changed ones marked. */
export function configDiff(a: VersionJson, b: VersionJson): ConfigRow[] {
  const rows: ConfigRow[] = FIELDS.map((f) => {
    const [va, vb] = [f.value(a), f.value(b)];
    return {
      key: f.key,
      label: f.label,
      a: va,
      b: vb,
      changed: va !== vb,
      ...(f.key === "description" ? { meta: true } : {}),
    };
  });
  const names = [...new Set([...Object.keys(a.environment), ...Object.keys(b.environment)])].sort();
  for (const name of names) {
    const secret = a.secretNames.includes(name) || b.secretNames.includes(name);
    const va = a.environment[name] ?? NOT_SET;
    const vb = b.environment[name] ?? NOT_SET;
    const kind = (v: VersionJson) => (name in v.environment ? (v.secretNames.includes(name) ? "secret" : "plain") : "");
    rows.push({
      key: `env:${name}`,
      label: `Environment: ${name}`,
      a: va,
      b: vb,
      // A secret's value stays masked on both sides: only its being added, removed or made secret shows.
      changed: va !== vb || kind(a) !== kind(b),
      ...(secret ? { secret: true } : {}),
    });
  }
  return rows;
}
