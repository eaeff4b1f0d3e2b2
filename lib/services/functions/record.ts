import type { Fn } from "@/lib/generated/prisma/client";
import { attachSealedSecrets, MASKED } from "@/lib/services/functions/secrets";

/** A function as the rest of the system sees it (no code bytes). */
export interface FunctionRecord {
  id: string;
  name: string;
  description: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSec: number;
  /** Size of /tmp in MB (Lambda's EphemeralStorage.Size). */
  ephemeralStorageMb: number;
  /** Every variable; secret ones show MASKED (their values live sealed, see secrets.ts). */
  environment: Record<string, string>;
  secretNames: string[];
  reservedConcurrency: number | null;
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
    description: row.description,
    runtime: row.runtime,
    handler: row.handler,
    memoryMb: row.memoryMb,
    timeoutSec: row.timeoutSec,
    ephemeralStorageMb: row.ephemeralStorageMb ?? 512,
    environment: {
      ...((row.environment ?? {}) as Record<string, string>),
      ...Object.fromEntries(secretNames.map((n) => [n, MASKED])),
    },
    secretNames,
    reservedConcurrency: row.reservedConcurrency,
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
