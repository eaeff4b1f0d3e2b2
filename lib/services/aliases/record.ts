import type { FunctionAlias } from "@/lib/generated/prisma/client";
import { revisionId } from "@/lib/services/functions/revision";

/** An alias as the rest of the system sees it. */
export interface AliasRecord {
  functionId: string;
  functionName: string;
  name: string;
  description: string;
  functionVersion: string;
  /** The second version and its share of invocations (0–1); null when the alias serves one version. */
  routing: { additionalVersion: string; weight: number } | null;
  revisionId: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toAliasRecord(functionName: string, row: FunctionAlias): AliasRecord {
  return {
    functionId: row.functionId,
    functionName,
    name: row.name,
    description: row.description,
    functionVersion: row.functionVersion,
    routing: row.additionalVersion ? { additionalVersion: row.additionalVersion, weight: row.additionalWeight } : null,
    revisionId: revisionId({
      id: row.functionId,
      version: `alias:${row.name}`,
      revision: row.revision,
      updatedAt: row.updatedAt,
    }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The versions an alias sends traffic to. */
export const versionsOf = (a: Pick<AliasRecord, "functionVersion" | "routing">): string[] =>
  a.routing ? [a.functionVersion, a.routing.additionalVersion] : [a.functionVersion];
