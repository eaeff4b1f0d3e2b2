/**
 * The function URLs this server answers for, from memory: url id → the function, its auth type,
 * CORS and whether its policy lets anyone in. One query on a miss; dropped when the function's
 * URL or policy changes here and (through the change feed's NOTIFY) on other servers.
 */
import type pg from "pg";
import type { AuthType, Cors, InvokeMode } from "@/lib/services/function-urls";
import { allowsPublicUrl, type PolicyStatement } from "@/lib/services/permissions";

export interface UrlTarget {
  urlId: string;
  functionId: string;
  functionName: string;
  qualifier: string;
  authType: AuthType;
  cors: Cors | null;
  invokeMode: InvokeMode;
  /** The resource-based policy allows lambda:InvokeFunctionUrl for anyone (needed by AuthType NONE). */
  publicAllowed: boolean;
}

const NEGATIVE_TTL_MS = 1000;

export class UrlRegistry {
  private readonly cache = new Map<string, Promise<UrlTarget | null>>();
  /** Which cached url ids belong to a function, so that a change drops them at once. */
  private readonly byFunction = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a load that began before one is not kept. */
  private epoch = 0;

  constructor(private readonly pool: pg.Pool) {}

  get(urlId: string): Promise<UrlTarget | null> {
    const hit = this.cache.get(urlId);
    if (hit) return hit;
    const value = this.load(urlId);
    const started = this.epoch;
    this.cache.set(urlId, value);
    value.then(
      (t) => {
        if (this.epoch !== started) {
          if (this.cache.get(urlId) === value) this.cache.delete(urlId);
          return;
        }
        if (t === null) {
          setTimeout(() => this.cache.get(urlId) === value && this.cache.delete(urlId), NEGATIVE_TTL_MS).unref();
          return;
        }
        const ids = this.byFunction.get(t.functionId) ?? new Set<string>();
        ids.add(urlId);
        this.byFunction.set(t.functionId, ids);
      },
      () => this.cache.get(urlId) === value && this.cache.delete(urlId),
    );
    return value;
  }

  /** The function's URL or policy changed (or it was deleted). */
  invalidateFunction(functionId: string): void {
    this.epoch++;
    for (const id of this.byFunction.get(functionId) ?? []) this.cache.delete(id);
    this.byFunction.delete(functionId);
  }

  invalidateAll(): void {
    this.epoch++;
    this.cache.clear();
    this.byFunction.clear();
  }

  private async load(urlId: string): Promise<UrlTarget | null> {
    const { rows } = await this.pool.query<{
      functionId: string;
      qualifier: string;
      authType: AuthType;
      cors: Cors | null;
      invokeMode: InvokeMode;
      name: string;
    }>(
      `SELECT u."functionId", u.qualifier, u."authType", u.cors, u."invokeMode", f.name
       FROM function_urls u JOIN functions f ON f.id = u."functionId" WHERE u."urlId" = $1`,
      [urlId],
    );
    const row = rows[0];
    if (!row) return null;
    const policy = await this.pool.query<{ statement: PolicyStatement }>(
      `SELECT statement FROM function_permissions WHERE "functionId" = $1`,
      [row.functionId],
    );
    return {
      urlId,
      functionId: row.functionId,
      functionName: row.name,
      qualifier: row.qualifier,
      authType: row.authType,
      cors: row.cors,
      invokeMode: row.invokeMode,
      publicAllowed: allowsPublicUrl(policy.rows.map((r) => r.statement)),
    };
  }
}
