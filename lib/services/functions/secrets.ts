/**
 * Secret environment variables. A function keeps a list of secret names; their values are
 * sealed together (one JSON object) under the master key in functions."sealedSecrets" and
 * never appear in `environment`, in API responses (shown as MASKED) or in stored logs.
 *
 * The Lambda API has no secret flag: the console sets the list; an UpdateFunctionConfiguration
 * through the AWS API keeps every listed name secret that is still among its Variables. A value
 * of exactly MASKED for a secret name means "unchanged", so saving what a GET returned (console
 * form or SDK round trip) never overwrites a secret with the mask.
 * Un-marking a secret while leaving the mask moves its stored value to the plain variables (the
 * user chose to make it visible); a new value replaces it as usual.
 */
import { invalid } from "@/lib/errors";
import type { DataCipher } from "@/lib/crypto/data-cipher";
import type { FunctionRecord } from "@/lib/services/functions/record";

export const MASKED = "****";

/**
 * The ciphertext rides on the record under a non-enumerable registered symbol: no serializer
 * (JSON, the console's responses) sees it, and it survives the record crossing from Next's
 * bundle (a console save primes the server bundle's resolver) — a module-level WeakMap would
 * exist once per bundle and lose it.
 */
const SEALED = Symbol.for("nimbus.sealedSecrets");

export function attachSealedSecrets(record: FunctionRecord, sealed: Uint8Array | null): void {
  if (sealed) Object.defineProperty(record, SEALED, { value: sealed, enumerable: false });
}

export function sealedSecretsOf(record: FunctionRecord): Uint8Array | null {
  return (record as unknown as Record<symbol, Uint8Array | undefined>)[SEALED] ?? null;
}

export function openSecrets(cipher: DataCipher, sealed: Uint8Array | null): Record<string, string> {
  if (!sealed) return {};
  return JSON.parse(cipher.openBytes(sealed).toString("utf8")) as Record<string, string>;
}

/** The function's plain variables (what `environment` holds in the database). */
export function plainVariables(record: FunctionRecord): Record<string, string> {
  const secret = new Set(record.secretNames);
  return Object.fromEntries(Object.entries(record.environment).filter(([k]) => !secret.has(k)));
}

export interface StoredEnvironment {
  environment: Record<string, string>;
  secretNames: string[];
  sealedSecrets: Uint8Array<ArrayBuffer> | null;
  /** Variable names added, removed and changed (names only: values may be secret). */
  diff: { added: string[]; removed: string[]; changed: string[] };
}

/** Splits requested variables into what is stored plain and what is sealed. */
export function storeEnvironment(
  cipher: DataCipher,
  current: FunctionRecord | null,
  vars: Record<string, string>,
  secretNames?: string[],
): StoredEnvironment {
  const names = secretNames ?? (current?.secretNames ?? []).filter((n) => n in vars);
  const missing = names.filter((n) => !(n in vars));
  if (missing.length) throw invalid(`Secret variables must be among the environment variables: ${missing.join(", ")}`);
  const secretSet = new Set(names);
  const oldSecrets =
    current && Object.values(vars).includes(MASKED) ? openSecrets(cipher, sealedSecretsOf(current)) : {};
  const oldValues: Record<string, string> = current ? { ...plainVariables(current), ...oldSecrets } : {};
  const plain: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    const value = v === MASKED && Object.hasOwn(oldSecrets, k) ? oldSecrets[k]! : v;
    (secretSet.has(k) ? secrets : plain)[k] = value;
  }
  const before = current ? Object.keys(current.environment) : [];
  const diff = {
    added: Object.keys(vars).filter((k) => !before.includes(k)),
    removed: before.filter((k) => !(k in vars)),
    // A secret whose old value was not opened (no mask sent) counts as changed: it was replaced.
    changed: Object.keys(vars).filter(
      (k) =>
        before.includes(k) &&
        (k in oldValues
          ? oldValues[k] !== (plain[k] ?? secrets[k])
          : current?.secretNames.includes(k) && vars[k] !== MASKED),
    ),
  };
  return {
    environment: plain,
    secretNames: [...secretSet],
    sealedSecrets: Object.keys(secrets).length
      ? new Uint8Array(cipher.sealBytes(Buffer.from(JSON.stringify(secrets))))
      : null,
    diff,
  };
}

/**
 * Replaces every occurrence of a secret value (4+ characters: shorter ones would mask
 * ordinary text) with MASKED. Returns null when there is nothing to redact.
 */
export function secretRedactor(secrets: Record<string, string>): ((text: string) => string) | null {
  const values = [...new Set(Object.values(secrets))].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  if (!values.length) return null;
  return (text) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASKED);
    return out;
  };
}
