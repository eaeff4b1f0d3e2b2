/**
 * Resolves a function name (and qualifier: $LATEST, a published version or an alias) to what the
 * executor needs, from memory. The cache is invalidated by the change events of this process and
 * (through NOTIFY) of others; versions never change, so only their deletion drops them. An alias
 * is cached as its targets and picks a version per call, by its routing weight.
 */
import type pg from "pg";
import { selectAlias, selectCodePackage, selectFunctionByName, selectVersion } from "@/lib/db/hot-queries";
import type { DataCipher } from "@/lib/crypto/data-cipher";
import { readPackage } from "@/lib/code/package";
import type { CodeFile, FunctionSpec } from "@/lib/executor/types";
import { toRecord, type FunctionRecord } from "@/lib/services/functions/record";
import { isVersionNumber, toVersionRecord } from "@/lib/services/versions/record";
import { openSecrets, plainVariables, sealedSecretsOf, secretRedactor } from "@/lib/services/functions/secrets";
import { createLogger, type Logger } from "@/lib/log";

export interface ResolvedFunction {
  record: FunctionRecord;
  spec: FunctionSpec;
  /** Masks the function's secret values in text (its log lines); absent when it has no secrets. */
  redact?: (text: string) => string;
}

/** A code package that failed its integrity check (altered in the database). */
export interface CodeRefusedEvent {
  functionName: string;
  codeSha256: string;
  reason: string;
}

const NEGATIVE_TTL_MS = 1000;
const CODE_CACHE_ENTRIES = 64;

/** Where an alias sends invocations: its version, and a second one for a share of them. */
export interface AliasTarget {
  version: string;
  additional: { version: string; weight: number } | null;
}

type Entry<T> = { value: Promise<T | null>; at: number };

/** A cache entry for `load()`: a null answer is kept for a second only, a failure not at all. */
function remember<T>(cache: Map<string, Entry<T>>, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const hit = cache.get(key);
  if (hit) return hit.value; // synchronous fast path: a settled, positive entry is returned as is
  const entry = { value: load(), at: Date.now() };
  cache.set(key, entry);
  void entry.value.then(
    (v) => {
      if (v === null) setTimeout(() => cache.get(key) === entry && cache.delete(key), NEGATIVE_TTL_MS).unref();
    },
    () => cache.get(key) === entry && cache.delete(key),
  );
  return entry.value;
}

export class FunctionResolver {
  private readonly cache = new Map<string, Entry<ResolvedFunction>>();
  private readonly aliases = new Map<string, Entry<AliasTarget>>();
  private readonly code = new Map<string, Promise<CodeFile[]>>();
  private readonly primed = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly region: string,
    private readonly accountId: string,
    private readonly cipher: DataCipher,
    private readonly log: Logger = createLogger("security"),
    private readonly onCodeRefused: (e: CodeRefusedEvent) => void = () => {},
  ) {}

  get(name: string, qualifier = "$LATEST", random: () => number = Math.random): Promise<ResolvedFunction | null> {
    if (qualifier !== "$LATEST" && !isVersionNumber(qualifier)) return this.viaAlias(name, qualifier, random);
    const key = qualifier === "$LATEST" ? name : `${name}:${qualifier}`;
    return remember(this.cache, key, () => this.load(name, qualifier));
  }

  /** The alias's targets (cached like versions; dropped with the function's other entries). */
  aliasTarget(name: string, alias: string): Promise<AliasTarget | null> {
    return remember(this.aliases, `${name}:${alias}`, async () => {
      const row = await selectAlias(this.pool, name, alias);
      if (!row) return null;
      const { functionVersion: version, additionalVersion, additionalWeight: weight } = row;
      return { version, additional: additionalVersion ? { version: additionalVersion, weight } : null };
    });
  }

  private async viaAlias(name: string, alias: string, random: () => number): Promise<ResolvedFunction | null> {
    const target = await this.aliasTarget(name, alias);
    if (!target) return null;
    const { additional } = target;
    return this.get(name, additional && random() < additional.weight ? additional.version : target.version);
  }

  /** Drops the function and every version of it this process holds. */
  invalidate(name: string): void {
    this.cache.delete(name);
    for (const key of this.cache.keys()) if (key.startsWith(`${name}:`)) this.cache.delete(key);
    for (const key of this.aliases.keys()) if (key.startsWith(`${name}:`)) this.aliases.delete(key);
    this.primed.delete(name);
  }

  /**
   * Caches a function as just committed by this process (no read back from the database).
   * Two updates can report out of order; an older revision never replaces a newer one.
   */
  prime(record: FunctionRecord, zip?: Uint8Array): void {
    if (zip) this.rememberCode(record.codeSha256, Promise.resolve(readPackage(zip)));
    if ((this.primed.get(record.name) ?? 0) > record.revision) return;
    this.primed.set(record.name, record.revision);
    this.cache.set(record.name, { value: Promise.resolve(this.toResolved(record)), at: Date.now() });
  }

  invalidateAll(): void {
    this.cache.clear();
    this.aliases.clear();
    this.primed.clear();
  }

  arnOf(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  private async load(name: string, qualifier: string): Promise<ResolvedFunction | null> {
    const row = await selectFunctionByName(this.pool, name);
    if (!row) return null;
    if (qualifier === "$LATEST") return this.toResolved(toRecord(row));
    const version = await selectVersion(this.pool, row.id, Number(qualifier));
    return version ? this.toResolved(toVersionRecord(row, version)) : null;
  }

  private toResolved(record: FunctionRecord): ResolvedFunction {
    // Opened at most once per cached version, and only when a sandbox starts or a log needs masking.
    let secrets: Record<string, string> | undefined;
    const loadSecrets = () => (secrets ??= openSecrets(this.cipher, sealedSecretsOf(record)));
    let redactor: ((text: string) => string) | null | undefined;
    const spec: FunctionSpec = {
      functionId: record.id,
      functionName: record.name,
      revision: record.revision,
      version: record.version,
      runtime: record.runtime,
      handler: record.handler,
      memoryMb: record.memoryMb,
      timeoutMs: record.timeoutSec * 1000,
      tmpMb: record.ephemeralStorageMb,
      instanceConcurrency: record.instanceConcurrency,
      egress: { mode: record.egressMode, allow: record.egressAllow },
      env: record.secretNames.length ? plainVariables(record) : record.environment,
      loadSecrets: record.secretNames.length ? loadSecrets : undefined,
      codeSha256: record.codeSha256,
      // Invoked by version, the ARN a handler sees carries it (context.invokedFunctionArn), as on AWS.
      arn: record.version === "$LATEST" ? this.arnOf(record.name) : `${this.arnOf(record.name)}:${record.version}`,
      region: this.region,
      loadCode: () => this.loadCode(record.codeSha256, record.name),
    };
    if (!record.secretNames.length) return { record, spec };
    return {
      record,
      spec,
      redact: (text) => {
        if (redactor === undefined) redactor = secretRedactor(loadSecrets());
        return redactor?.(text) ?? text;
      },
    };
  }

  private loadCode(sha: string, functionName: string): Promise<CodeFile[]> {
    const cached = this.code.get(sha);
    if (cached) return cached;
    return this.rememberCode(
      sha,
      selectCodePackage(this.pool, sha).then((stored) => {
        if (!stored) throw new Error(`code package ${sha} not found`);
        try {
          // Checked before the code goes anywhere near a sandbox: a tampered row never runs.
          return readPackage(this.cipher.open(stored, sha));
        } catch (err) {
          this.log.error(`code package ${sha} refused: ${(err as Error).message}`, { functionName });
          this.onCodeRefused({ functionName, codeSha256: sha, reason: (err as Error).message });
          throw err;
        }
      }),
    );
  }

  private rememberCode(sha: string, p: Promise<CodeFile[]>): Promise<CodeFile[]> {
    p.catch(() => this.code.get(sha) === p && this.code.delete(sha));
    this.code.set(sha, p);
    if (this.code.size > CODE_CACHE_ENTRIES) this.code.delete(this.code.keys().next().value!);
    return p;
  }
}
