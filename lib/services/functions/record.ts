import type { EgressMode } from "@/lib/executor/network/allow";
import type { Fn } from "@/lib/generated/prisma/client";
import { attachSealedSecrets, MASKED } from "@/lib/services/functions/secrets";
import { tagsOf, type Tags } from "@/lib/services/tags/schemas";

/** A function as the rest of the system sees it (no code bytes). */
export interface FunctionRecord {
  id: string;
  name: string;
  /** "$LATEST" (the function as it is edited), or a published version's number. */
  version: string;
  description: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSec: number;
  /** Size of /tmp in MB (Lambda's EphemeralStorage.Size). */
  ephemeralStorageMb: number;
  /** How many calls one instance runs at once (1: Lambda's rule). */
  instanceConcurrency: number;
  /** TracingConfig.Mode (lib/traces). */
  tracingMode: "Active" | "PassThrough";
  /** DeadLetterConfig.TargetArn: the queue an asynchronous event goes to when its retries ran out. */
  deadLetterTargetArn: string | null;
  /** Outbound network: internet (filtered; the default), none, or allow-list (egressAllow only). */
  egressMode: EgressMode;
  /** Host names, *.patterns or addresses reachable in allow-list mode. */
  egressAllow: string[];
  /** Every variable; secret ones show MASKED (their values live sealed, see secrets.ts). */
  environment: Record<string, string>;
  secretNames: string[];
  reservedConcurrency: number | null;
  /** Key → value (TagResource, CreateFunction's Tags). */
  tags: Tags;
  codeSha256: string;
  codeSize: number;
  revision: number;
  state: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toRecord(row: Fn): FunctionRecord {
  const secretNames = row.secretNames ?? [];
  const record: FunctionRecord = {
    id: row.id,
    name: row.name,
    version: "$LATEST",
    description: row.description,
    runtime: row.runtime,
    handler: row.handler,
    memoryMb: row.memoryMb,
    timeoutSec: row.timeoutSec,
    ephemeralStorageMb: row.ephemeralStorageMb ?? 512,
    instanceConcurrency: row.instanceConcurrency ?? 1,
    tracingMode: row.tracingMode === "Active" ? "Active" : "PassThrough",
    deadLetterTargetArn: row.deadLetterTargetArn ?? null,
    egressMode: egressModeOf(row.egressMode),
    egressAllow: row.egressAllow ?? [],
    environment: {
      ...((row.environment ?? {}) as Record<string, string>),
      ...Object.fromEntries(secretNames.map((n) => [n, MASKED])),
    },
    secretNames,
    reservedConcurrency: row.reservedConcurrency,
    tags: tagsOf(row.tags),
    codeSha256: row.codeSha256,
    codeSize: row.codeSize,
    revision: row.revision,
    state: row.state,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  attachSealedSecrets(record, row.sealedSecrets);
  return record;
}

/** A stored mode this version does not know (written by a newer one) counts as the safest: none. */
function egressModeOf(v: string | null | undefined): EgressMode {
  if (v === undefined || v === null) return "internet";
  return v === "internet" || v === "allow-list" || v === "none" ? v : "none";
}
